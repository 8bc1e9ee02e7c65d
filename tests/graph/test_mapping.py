"""Mapping extraction records to quads: provenance of quotations."""
from __future__ import annotations

from pyoxigraph import Store

from kg.graph import Iris, to_quads
from kg.graph.namespaces import PROV


def test_quote_derives_from_the_sentence_that_names_its_speaker(extract_text):
    text = ('The coach spoke on Sunday. "There was no time to rest. "We had three games in a week," '
            'Rita Moreno said. Fans cheered.')
    x = extract_text(text)
    first = min(x.quotes, key=lambda q: q.start)
    assert first.speaker is not None  # it takes the speaker of the quotation it runs into
    store = Store()
    iris = Iris("http://example.org/kg/")
    store.extend(to_quads(x, iris))
    sources = {str(q.object.value) for q in store.quads_for_pattern(iris.quote(first.key), PROV.wasDerivedFrom, None)}
    spans = sorted(int(s.split("char=")[1].split(",")[0]) for s in sources)
    texts = [s.text for s in x.sentences if s.start in spans]
    assert texts[0].startswith('"There was no time') and any("Rita Moreno said" in t for t in texts)
    assert not any(t.startswith("Fans") or t.startswith("The coach") for t in texts)
