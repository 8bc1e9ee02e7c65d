"""The cached views of a parsed document that the rules share (kg.extract.context.Ctx)."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import ROOT
from kg.extract.context import Ctx, Segment
from kg.extract.pipeline import _segments
from kg.extract.quotemarks import quote_spans
from kg.read import collect_paths, read_document


def _ctx(nlp, path) -> Ctx:
    document = read_document(path, date(2024, 1, 1))
    segs = [Segment(name, nlp(document.text[s:e]), s) for name, s, e in _segments(document)]
    ctx = Ctx(document, segs)
    ctx.build_sentences()
    return ctx


@pytest.mark.parametrize("path, quoting", [(collect_paths([ROOT / "tests" / "data" / "merge"])[0], False),
                                           (ROOT / "tests" / "data" / "articles" / "court-2022-06-30.txt", True)])
def test_cached_views_agree_with_spacy(nlp, path, quoting):
    ctx = _ctx(nlp, path)
    assert len(ctx.segments) == 2  # headline and body
    assert any(ctx.quotations(si) for si in range(2)) == quoting
    for si, seg in enumerate(ctx.segments):
        assert ctx.segment_text(si) == seg.doc.text
        assert ctx.quotations(si) == list(quote_spans(seg.doc.text))
        assert [t.i for t in ctx.tokens(si)] == list(range(len(seg.doc)))
        for tok in seg.doc:
            assert ctx.sentence_of(si, tok) == ctx._sent_index.get((si, tok.sent.start), -1)
            assert [t.i for t in ctx.sentence_tokens(si, tok.i)] == [t.i for t in tok.sent]
            for word in ("the", "said", tok.lower_, "zzz"):
                assert ctx.sentence_has_word(si, tok.i, word) == (word in tok.sent.text.lower())
        last = seg.doc[-1].idx + 1
        for start, end in ((0, last), (5, 40), (7, 7), (last, last + 10)):
            expect = [t.i for t in seg.doc if start <= t.idx < end]
            assert [t.i for t in ctx.tokens_between(si, start, end)] == expect
