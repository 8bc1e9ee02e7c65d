"""Stable IRIs: the same input gives the same IRIs on every run.

Entities are named by class and label (``entity/person/angela-merkel``),
documents by file stem, sentences and mentions by NIF character offsets
(``doc/x#char=10,25``), statements by a short hash of what they state.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from pyoxigraph import NamedNode
from slugify import slugify

from kg.graph.namespaces import DEFAULT_BASE

__all__ = ["Iris"]


@lru_cache(maxsize=1 << 16)  # the same document ids and labels are slugged again and again
def _slug(text: str) -> str:
    s = slugify(text, lowercase=True, max_length=80, word_boundary=False)
    if not s:  # nothing Latin to keep (e.g. only emoji or CJK): hash it
        s = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return s


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class Iris:
    """Mints IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def document(self, doc_id: str) -> NamedNode:
        return NamedNode(f"{self.base}doc/{_slug(doc_id)}")

    def graph(self, doc_id: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{_slug(doc_id)}")

    def entity_graph(self) -> NamedNode:
        """The named graph holding the entity layer (classes, labels, aliases of all entities)."""
        return NamedNode(f"{self.base}graph/entities")

    def span(self, doc_id: str, start: int, end: int) -> NamedNode:
        return NamedNode(f"{self.base}doc/{_slug(doc_id)}#char={start},{end}")

    def entity(self, key: str) -> NamedNode:
        etype, _, label = key.partition("/")
        return NamedNode(f"{self.base}entity/{_slug(etype)}/{_slug(label)}")

    def role(self, label: str) -> NamedNode:
        return NamedNode(f"{self.base}role/{_slug(label)}")

    def membership(self, *parts: object) -> NamedNode:
        return NamedNode(f"{self.base}membership/{_hash(*parts)}")

    def statement(self, doc_id: str, subject: str, predicate: str, obj: str, sentence: int) -> NamedNode:
        """The qualified statement node of one relation found in one sentence."""
        return NamedNode(f"{self.base}statement/{_slug(doc_id)}/{_hash(subject, predicate, obj, sentence)}")

    def event(self, key: str) -> NamedNode:
        doc, _, local = key.rpartition("/")
        return NamedNode(f"{self.base}event/{_slug(doc)}/{local}")

    def merge(self, a: str, b: str) -> NamedNode:
        return NamedNode(f"{self.base}merge/{_hash(*sorted((a, b)))}")

    def participation(self, event_key: str, role: str, start: int, end: int) -> NamedNode:
        return NamedNode(f"{self.base}participation/{_hash(event_key, role, start, end)}")

    def pair(self, kind: str, *parts: str) -> NamedNode:
        """A pair node of the entity layer (``kind`` "comention" or "met"), by what it pairs."""
        return NamedNode(f"{self.base}pair/{kind}/{_hash(*parts)}")

    def quote(self, key: str) -> NamedNode:
        doc, _, local = key.rpartition("/")
        return NamedNode(f"{self.base}quote/{_slug(doc)}/{local}")
