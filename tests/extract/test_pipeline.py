"""Batching of texts for spaCy: by document count and by words."""
from __future__ import annotations

from datetime import date

from conftest import ROOT
from kg.extract import pipeline
from kg.extract.pipeline import _text_batches


def test_batches_keep_order_and_respect_both_limits():
    texts = [("w " * n, i) for i, n in enumerate([5, 5, 5, 30, 2, 2, 2, 2, 2, 9])]
    batches = list(_text_batches(texts, max_docs=3, max_words=10))
    assert [c for b in batches for _, c in b] == list(range(10))
    for b in batches:
        assert len(b) <= 3
        words = sum(len(t.split()) for t, _ in b)
        assert words <= 10 or len(b) == 1  # only a single text longer than the budget goes alone
    assert [len(b) for b in batches] == [2, 1, 1, 3, 2, 1]


def test_word_budget_does_not_change_the_extraction(nlp, monkeypatch):
    from kg.read import collect_paths, read_document

    docs = [read_document(p, date(2024, 1, 1)) for p in collect_paths([ROOT / "tests" / "data" / "merge"])]
    assert len(docs) >= 3
    whole = list(pipeline.extract(docs, nlp, batch_size=64))
    monkeypatch.setattr(pipeline, "BATCH_WORDS", 1)  # every text (headline, body) alone in its batch
    seen: list[int] = []
    real = pipeline._text_batches

    def recorded(items, max_docs, max_words):
        for b in real(items, max_docs, max_words):
            seen.append(len(b))
            yield b

    monkeypatch.setattr(pipeline, "_text_batches", recorded)
    small = list(pipeline.extract(docs, nlp, batch_size=64))
    assert max(seen) == 1 and len(seen) >= len(docs)
    assert small == whole
