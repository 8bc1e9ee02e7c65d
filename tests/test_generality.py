"""The rules stay general: no multi-word name annotated in the public dev sets (../shared/devsets)
appears in kg/ (code, comments or docstrings). The names are kept as SHA-1 hashes in
tests/data/devset-names.sha1 (made by tests/tools/make_devset_hashes.py), so this runs without
../shared."""
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HASHES = set((ROOT / "tests" / "data" / "devset-names.sha1").read_text().split())
LONGEST = 8  # words in a name looked for
#: names of general knowledge that kg's rules and comments may use as examples of a kind of name
GENERAL = {"new york", "northern ireland", "foreign office", "high court", "department of defense", "st louis",
           "the fbi", "the post"}


def _ngrams(text: str):
    words = re.findall(r"[\w.'’&-]+", text.lower())
    words = [w.strip(".") or w for w in words]
    for i in range(len(words)):
        for n in range(2, LONGEST + 1):
            if i + n <= len(words):
                yield " ".join(words[i:i + n])


def test_the_hashes_are_there():
    assert len(HASHES) > 1000


def test_no_dev_set_name_in_kg():
    hits = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for gram in set(_ngrams(path.read_text(encoding="utf-8"))):
            if gram not in GENERAL and hashlib.sha1(gram.encode("utf-8")).hexdigest() in HASHES:
                hits.append((path.relative_to(ROOT).as_posix(), gram))
    assert not hits


def test_the_check_finds_a_name_when_there_is_one(tmp_path):
    """The n-grams of a text holding a dev-set name hash to one of the stored hashes (so the test can fail)."""
    sample = sorted(HASHES)[0]
    # a name whose hash is stored cannot be recovered from it; check the machinery on a made-up name
    text = "rules mention Zorblax Quenton here"
    assert hashlib.sha1(b"zorblax quenton").hexdigest() in {hashlib.sha1(g.encode()).hexdigest()
                                                            for g in _ngrams(text)}
    assert len(sample) == 40
