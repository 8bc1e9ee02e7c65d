from kg.read.news import split_news


def test_agency_dateline_is_separated_from_body():
    text = "Storm hits coast\nMIAMI (AP) — A storm hit the coast on Monday."
    s = split_news(text)
    assert s.headline.text == "Storm hits coast"
    assert s.place.text == "MIAMI" and s.agency.text == "AP"
    assert s.body.text == "A storm hit the coast on Monday."
    assert text[s.body.start:s.body.end] == s.body.text


def test_reuters_dateline_with_date():
    s = split_news("Bank cuts rates\nLONDON, March 3 (Reuters) - The bank cut rates.")
    assert (s.place.text, s.agency.text, s.date_text) == ("LONDON", "Reuters", "March 3")
    assert s.body.text == "The bank cut rates."


def test_dateline_with_country_and_en_dash():
    s = split_news("Headline here\nKABUL, Afghanistan (AP) – Fighting continued.")
    assert s.place.text == "KABUL" and s.agency.text == "AP"
    assert s.body.text == "Fighting continued."


def test_multiword_place_without_agency():
    s = split_news("NEW YORK — Stocks fell sharply on Friday.")
    assert s.headline is None
    assert s.place.text == "NEW YORK" and s.agency is None
    assert s.body.text == "Stocks fell sharply on Friday."


def test_no_dateline_no_headline():
    s = split_news("Just a body. With two sentences.")
    assert s.headline is None and s.dateline is None
    assert s.body.text == "Just a body. With two sentences."


def test_capitalised_words_are_not_a_dateline():
    s = split_news("US stocks fall\nA BIG day - for all of us.")
    assert s.dateline is None
    assert s.body.text == "A BIG day - for all of us."


def test_first_line_ending_in_full_stop_is_body_not_headline():
    s = split_news("The minister resigned.\nShe gave no reason.")
    assert s.headline is None


def test_sidecar_title_decides_headline():
    s = split_news("Minister resigns.\nShe gave no reason.", title="Minister resigns.")
    assert s.headline.text == "Minister resigns."


def test_a_section_slug_before_a_dash_is_no_dateline():
    s = split_news("TENNIS - SAMPRAS BEATS AGASSI IN FINAL .\nNEW YORK 1996-08-30\nSampras won the final.")
    assert s.place is None or s.place.text != "TENNIS"
    s = split_news("Results\nTENNIS - Sampras beat Agassi.")
    assert s.place is None
