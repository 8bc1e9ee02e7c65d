"""Working state of one document while the extract rules run.

A document is parsed as separate segments (headline, body) so that nothing
spans them; each segment's spaCy ``Doc`` is kept with its character offset in
the document text. Rules look entities up by token through :meth:`Ctx.entity_at`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import numpy

from kg.extract.quotemarks import quote_spans
from kg.types import Document, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Ctx", "RawMention", "Segment"]


@dataclass
class Segment:
    name: str  # "headline" | "body"
    doc: "Doc"
    offset: int


@dataclass
class RawMention:
    seg: int  # index into Ctx.segments, -1 for dateline/source
    tok_start: int
    tok_end: int  # exclusive
    start: int  # document character offsets
    end: int
    text: str
    label: str  # spaCy label (PERSON, ORG, GPE, ...) or GROUP
    kind: str = "name"
    key: str | None = None  # entity key once resolved
    head_dep: str = ""  # dependency of the mention's head token
    nationality: str | None = None


@dataclass
class Ctx:
    document: Document
    segments: list[Segment]
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[RawMention] = field(default_factory=list)
    entity_info: dict[str, dict[str, object]] = field(default_factory=dict)
    _sent_index: dict[tuple[int, int], int] = field(default_factory=dict)
    _by_token: dict[tuple[int, int], int] = field(default_factory=dict)
    _sent_starts: dict[int, list[int]] = field(default_factory=dict)
    _tokens: dict[int, list["Token"]] = field(default_factory=dict)
    _token_idx: dict[int, list[int]] = field(default_factory=dict)  # character offset of each token
    _quoted: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _heads: dict[int, list[int]] = field(default_factory=dict)
    _ents: dict[int, list["Span"]] = field(default_factory=dict)

    def build_sentences(self) -> None:
        text = self.document.text
        for si, seg in enumerate(self.segments):
            for sent in seg.doc.sents:
                start = seg.offset + sent.start_char
                end = seg.offset + sent.end_char
                while end > start and text[end - 1].isspace():
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1
                if start >= end:
                    continue
                idx = len(self.sentences)
                self.sentences.append(Sentence(idx, start, end, text[start:end], seg.name))
                self._sent_index[(si, sent.start)] = idx

    def countries_with_code(self, code: str | None) -> list[str]:
        """The article's country entities whose ISO alpha-3 code is ``code``."""
        return [k for k, v in self.entity_info.items() if code and v.get("code") == code and v.get("type") == "Country"]

    def tokens(self, seg: int) -> list["Token"]:
        """The tokens of segment ``seg`` (cached: iterating a Doc builds new Token objects each time)."""
        toks = self._tokens.get(seg)
        if toks is None:
            toks = self._tokens[seg] = list(self.segments[seg].doc)
        return toks

    def heads(self, seg: int) -> list[int]:
        """The index of each token's syntactic head in segment ``seg`` (cached: ``token.head`` builds a Token)."""
        heads = self._heads.get(seg)
        if heads is None:
            doc = self.segments[seg].doc  # relative offsets, as unsigned integers: back to signed, then absolute
            heads = self._heads[seg] = (doc.to_array("HEAD").astype("int64") + numpy.arange(len(doc))).tolist() \
                if len(doc) else []
        return heads

    def ents(self, seg: int) -> list["Span"]:
        """The named-entity spans of segment ``seg`` (cached: ``Doc.ents`` builds them anew on each access)."""
        ents = self._ents.get(seg)
        if ents is None:
            ents = self._ents[seg] = list(self.segments[seg].doc.ents)
        return ents

    def segment_text(self, seg: int) -> str:
        """The text of segment ``seg``, cut from the document (``Doc.text`` rebuilds it token by token)."""
        toks = self.tokens(seg)
        if not toks:
            return ""
        off = self.segments[seg].offset
        return self.document.text[off:off + toks[-1].idx + len(toks[-1].text_with_ws)]

    def quotations(self, seg: int) -> list[tuple[int, int]]:
        """(start, end) offsets in segment ``seg`` of the text inside each pair of quotation marks (cached)."""
        spans = self._quoted.get(seg)
        if spans is None:
            spans = self._quoted[seg] = list(quote_spans(self.segment_text(seg)))
        return spans

    def tokens_between(self, seg: int, start: int, end: int) -> list["Token"]:
        """The tokens of segment ``seg`` that start at a character offset in [start, end) of the segment."""
        idx = self._token_idx.get(seg)
        if idx is None:
            idx = self._token_idx[seg] = [t.idx for t in self.tokens(seg)]
        return self.tokens(seg)[bisect_left(idx, start):bisect_left(idx, end)]

    def sentence_starts(self, seg: int) -> list[int]:
        """Token index of the first token of every sentence of segment ``seg``, ascending (cached)."""
        starts = self._sent_starts.get(seg)
        if starts is None:
            starts = self._sent_starts[seg] = sorted(s.start for s in self.segments[seg].doc.sents)
        return starts

    def sentence_of(self, seg: int, token: "Token") -> int:
        """Index in :attr:`sentences` of the sentence holding ``token`` (-1 for one left out, e.g. blank)."""
        # bisection: token.sent walks the tokens back to the sentence start
        return self._sent_index.get((seg, self.sentence_bounds(seg, token.i)[0]), -1)

    def sentence_bounds(self, seg: int, tok_i: int) -> tuple[int, int]:
        """Token indexes [first, end) of the spaCy sentence of segment ``seg`` holding token ``tok_i``."""
        starts = self.sentence_starts(seg)
        k = bisect_right(starts, tok_i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.segments[seg].doc)

    def sentence_tokens(self, seg: int, tok_i: int) -> list["Token"]:
        """The tokens of the spaCy sentence holding token ``tok_i`` (cached tokens, no walk back)."""
        first, end = self.sentence_bounds(seg, tok_i)
        return self.tokens(seg)[first:end]

    def sentence_has_word(self, seg: int, tok_i: int, word: str) -> bool:
        """Whether the text of the sentence holding ``tok_i`` contains ``word`` (lower case), as a cheap pre-test."""
        first, end = self.sentence_bounds(seg, tok_i)
        toks = self.tokens(seg)
        return word in self.segment_text(seg)[toks[first].idx:toks[end - 1].idx + len(toks[end - 1])].lower()

    def char_span(self, seg: int, first: "Token", last: "Token") -> tuple[int, int]:
        off = self.segments[seg].offset
        return off + first.idx, off + last.idx + len(last.text)

    def add_mention(self, m: RawMention) -> int:
        idx = len(self.mentions)
        self.mentions.append(m)
        if m.seg >= 0:
            for i in range(m.tok_start, m.tok_end):
                self._by_token.setdefault((m.seg, i), idx)
        return idx

    def reindex_mentions(self) -> None:
        """Rebuild the token index after mentions were removed from :attr:`mentions`."""
        self._by_token.clear()
        for idx, m in enumerate(self.mentions):
            if m.seg >= 0:
                for i in range(m.tok_start, m.tok_end):
                    self._by_token.setdefault((m.seg, i), idx)

    def mention_at(self, seg: int, tok_i: int) -> RawMention | None:
        idx = self._by_token.get((seg, tok_i))
        return None if idx is None else self.mentions[idx]

    def entity_at(self, seg: int, tok: "Token") -> str | None:
        m = self.mention_at(seg, tok.i)
        return None if m is None else m.key

    def covered(self, seg: int, tok_i: int) -> bool:
        return (seg, tok_i) in self._by_token

    def iter_tokens(self) -> Iterator[tuple[int, "Token"]]:
        for si in range(len(self.segments)):
            for tok in self.tokens(si):
                yield si, tok

    def span_text(self, seg: int, span: "Span") -> tuple[int, int, str]:
        start, end = self.char_span(seg, span[0], span[-1])
        return start, end, self.document.text[start:end]
