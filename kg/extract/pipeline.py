"""From Documents to Extractions: parse headline and body with ``nlp.pipe``,
then run the rules (mentions, resolution, coreference, unnamed sources, roles,
events, quotes, reported speech, relations, time) on each document."""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, TypeVar, overload

from kg.errors import WorkerError
from kg.extract.context import Ctx, Segment
from kg.extract.coref import resolve_coreference
from kg.extract.events import find_events
from kg.extract.link import demonym_country
from kg.extract.mentions import find_mentions
from kg.extract.quotes import find_quotes
from kg.extract.relations import find_relations
from kg.extract.reported import find_reported, mixed_quotations
from kg.extract.resolve import entities_of, resolve_mentions
from kg.extract.roles import find_roles
from kg.extract.sources import drop_silent_sources, find_sources
from kg.extract.speedups import one_blas_thread
from kg.extract.time import normalise
from kg.types import Document, Extraction, Failure, TimeValue

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["batches", "extract", "extract_one", "extract_parallel", "in_order"]


#: a body longer than this many characters is parsed in parts that end at a paragraph (else at a
#: sentence, else at a space): spaCy refuses a text over 1,000,000 characters, and the memory it needs
#: follows the length of one text. News articles are far shorter; transcripts and reports may not be.
MAX_SEGMENT_CHARS = 100_000


def _parts(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) spans covering ``text[start:end]``, each at most ``limit`` characters,
    cut after the last paragraph break in the second half of the span, else after the last sentence
    end, else at the last space, else at the limit."""
    parts = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            i = window.rfind(mark, limit // 2)
            if i >= 0:
                cut = start + i + len(mark)
                break
        if cut <= start:
            cut = start + limit
        parts.append((start, cut))
        start = cut
    parts.append((start, end))
    return parts


def _segments(document: Document) -> list[tuple[str, int, int]]:
    segs = []
    if document.headline is not None:
        segs.append(("headline", document.headline.start, document.headline.end))
    segs.extend(("body", s, e) for s, e in _parts(document.text, document.body.start, document.body.end,
                                                   MAX_SEGMENT_CHARS))
    return segs


def extract_one(document: Document, parsed: list[tuple[str, int, "Doc"]]) -> Extraction:
    """Run the rules on one document whose segments are already parsed."""
    ctx = Ctx(document, [Segment(name, doc, offset) for name, offset, doc in parsed])
    ctx.build_sentences()
    find_mentions(ctx)
    resolve_mentions(ctx)
    resolve_coreference(ctx)
    source_relations = find_sources(ctx)
    relations, role_person = find_roles(ctx)
    events = find_events(ctx, role_person, document.published)
    quotes = find_quotes(ctx, role_person, document.published)
    quotes += find_reported(ctx, role_person, document.published, quotes)
    quotes = mixed_quotations(tuple(sorted(quotes, key=lambda q: (q.start, q.key))))
    relations += drop_silent_sources(ctx, source_relations, quotes, events)
    relations += find_relations(ctx, relations, events, document.published, quotes)
    times: list[TimeValue] = []
    attributes: set[tuple[str, str]] = set()
    for si in range(len(ctx.segments)):
        for ent in ctx.ents(si):
            start, end = ctx.char_span(si, ent[0], ent[-1])
            if ent.label_ == "DATE":
                tv = normalise(ent.text, start, end, document.published)
                if tv is not None:
                    times.append(tv)
            elif ent.label_ == "NORP":
                link = demonym_country(ent.text.replace("intra-", "").replace("Intra-", ""))
                if link is not None and link.code:
                    attributes.add((ent.text, link.code))
    return Extraction(
        document=document,
        sentences=tuple(ctx.sentences),
        entities=entities_of(ctx),
        relations=relations,
        events=events,
        quotes=quotes,
        times=tuple(times),
        attributes=tuple(sorted(attributes)),
    )


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of at most ``size`` documents, in order."""
    batch: list[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


T = TypeVar("T")
F = TypeVar("F")


def in_order(submitted: Iterable[F], in_flight: int, result: Callable[[F], Iterable[T]]) -> Iterator[T]:
    """The results of the futures ``submitted`` yields, in order, taking the next one (and so
    submitting its task) only while fewer than ``in_flight`` are waiting to be read: memory stays
    bounded however many tasks there are. Used with worker processes and with Dask."""
    queue: deque[F] = deque()
    for future in submitted:
        queue.append(future)
        if len(queue) >= in_flight:
            yield from result(queue.popleft())
    while queue:
        yield from result(queue.popleft())

#: At most this many words go through spaCy at once, however many documents that is: the memory a
#: batch needs grows with its text, so a run of long articles must not make one huge batch.
BATCH_WORDS = 10_000


def _text_batches(items: Iterable[tuple[str, T]], max_docs: int, max_words: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive batches of (text, context) with at most ``max_docs`` texts and, unless a single
    text is longer, at most ``max_words`` words."""
    batch: list[tuple[str, T]] = []
    words = 0
    for text, context in items:
        n = len(text.split())
        if batch and (len(batch) >= max_docs or words + n > max_words):
            yield batch
            batch, words = [], 0
        batch.append((text, context))
        words += n
    if batch:
        yield batch


def _extract_or_fail(document: Document, parsed: list[tuple[str, int, "Doc"]]) -> Extraction | Failure:
    try:
        return extract_one(document, parsed)
    except MemoryError:
        raise
    except Exception as e:  # a rule that trips on this article: report it, go on with the others
        return Failure(document, f"{document.path}: the extraction rules failed on this article "
                                 f"({type(e).__name__}: {e}); it was left out; please report it")


@overload
def extract(documents: Iterable[Document], nlp: "Language", batch_size: int = ...,
            failures: Literal[False] = ...) -> Iterator[Extraction]: ...


@overload
def extract(documents: Iterable[Document], nlp: "Language", batch_size: int = ..., *,
            failures: Literal[True]) -> Iterator[Extraction | Failure]: ...


def extract(documents: Iterable[Document], nlp: "Language", batch_size: int = 32,
            failures: bool = False) -> Iterator[Extraction | Failure]:
    """Parse documents with ``nlp.pipe`` in batches of at most ``batch_size`` texts and
    :data:`BATCH_WORDS` words, and yield one Extraction each, in order.

    An error in the rules on one document propagates, unless ``failures`` is true: then that
    document yields a :class:`~kg.types.Failure` in its place and the others go on."""
    pending: dict[str, tuple[Document, list[tuple[str, int, "Doc"]], int]] = {}

    def items() -> Iterator[tuple[str, tuple[str, str, int]]]:
        for document in documents:
            segs = _segments(document)
            pending[document.id] = (document, [], len(segs))
            for name, start, end in segs:
                yield document.text[start:end], (document.id, name, start)

    for batch in _text_batches(items(), batch_size, BATCH_WORDS):
        with one_blas_thread():
            parsed_batch = list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
        for doc, (doc_id, name, offset) in parsed_batch:
            document, parsed, expected = pending[doc_id]
            parsed.append((name, offset, doc))
            if len(parsed) == expected:
                del pending[doc_id]
                yield _extract_or_fail(document, parsed) if failures else extract_one(document, parsed)


_WORKER_MODEL: "Language | None" = None
_TASK_DOCS = 16


def _init_worker(model: str | None) -> None:
    global _WORKER_MODEL
    from kg.extract.nlp import load_model

    _WORKER_MODEL = load_model(model)


def _work(batch: list[Document]) -> list[Extraction | Failure]:
    assert _WORKER_MODEL is not None
    return list(extract(batch, _WORKER_MODEL, batch_size=len(batch), failures=True))


def extract_parallel(documents: Iterable[Document], model: str | None, processes: int,
                     batch_size: int = 32) -> Iterator[Extraction | Failure]:
    """Like :func:`extract` with ``failures=True``, with parsing *and* rules in ``processes`` worker
    processes.

    Each worker loads the model once; documents go out in batches, at most four per worker at a
    time, and Extractions come back in input order, so the caller (one writer) sees the same
    sequence as with one process. A worker that dies (killed, out of memory) stops the run with a
    :class:`~kg.errors.WorkerError` instead of leaving it waiting for the lost batch.
    """
    import multiprocessing as mp
    import os
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init_worker, initargs=(model,))
    try:
        # tasks of at most 16 documents: large enough for spaCy's batching, small enough that no
        # worker idles while another finishes a long last batch
        tasks = (pool.submit(_work, batch) for batch in batches(documents, min(batch_size, _TASK_DOCS)))
        yield from in_order(tasks, 4 * processes, Future.result)
    except BrokenProcessPool:
        raise WorkerError(f"a worker process died (killed, or out of memory?); nothing was written; "
                          f"try fewer --processes than {processes}") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
