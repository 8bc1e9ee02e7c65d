"""Four slow spots of spaCy's English pipelines, done faster with the same result.

**The attribute ruler.** spaCy's ``AttributeRuler`` (the component that turns fine-grained tags
into parts of speech and morphology, and patches known exceptions) tries every one of its patterns
at every token through a ``Matcher``. en_core_web_sm has 179 of them, almost all of a single token
("TAG is NNP" → "POS is PROPN"): about 16 µs a token, a tenth of the whole pipeline's time on news
text. :func:`index_attribute_ruler` gives a loaded pipeline's ruler a ``match`` that finds the
one-token patterns made of plain equalities (``{"TAG": "NN"}``, ``{"LOWER": {"IN": [...]}}``,
``{"IS_SPACE": True}``) by dictionary lookup on the token's attributes, and leaves every other
pattern (several tokens, regular expressions, operators, attributes it does not index) to a
``Matcher`` of its own. It returns the same matches in the same order, and the ruler's own
``set_annotations`` applies them, so the annotations are the same.

**The rule lemmatizer.** The English lemmatizer checks each form a suffix rule makes ("housing" →
"house", "hous") against the list of known words of the part of speech, 57,528 nouns long: a linear
scan, twice per rule, for every word form it has not seen before. :func:`index_lemma_tables` turns
those lists into frozensets: the same membership answers, found by hashing. (A pipeline changed this
way should not be saved with ``to_disk``, and its word lists cannot be appended to; kg does neither.)

**Matrix products.** thinc computes the pipeline's layers (token vectors, tagger, parser and NER
inputs) with the BLIS library it bundles, which picks its kernels by recognising the processor, and
falls back to portable C on one it does not know (the AMD EPYC of kg's benchmark machine, with
AVX-512: about 2.8x slower than numpy's OpenBLAS on the token-vector layers' products, and 40 % of
the pipeline's time). :func:`numpy_matrix_products` gives the pipeline's models thinc's own
``NumpyOps(use_blis=False)``, whose ``gemm`` is ``numpy.dot``; :func:`one_blas_thread` keeps numpy's
BLAS to one thread while kg parses, as BLIS runs, so that one kg process uses one core. The products
may differ in the last bits of a float; the annotations kg reads (tags, parse, entities, lemmas,
sentences) came out the same on every corpus measured (benchmarks/RESULTS.md).

**The entity recognizer's loop.** spaCy's greedy transition loop runs without the interpreter lock, and
in the wheels built with Cython 3.2 or later (spaCy 3.8.11 on) every look at the next token from C++
(``StateC::B_``) takes the lock back twice; the entity recognizer looks at the next tokens for each of
its 70-odd actions at each step, so half its time went to taking and dropping the lock.
:func:`entities_by_beam_of_one` has it predict through spaCy's own beam search with a beam of one,
which keeps the lock and steps from Python: the same best valid action at each step, the same
entities (on the 927 documents of Lee, the example and the dev sets), in 40 % of the time. The parser
looks at tokens another way and stays greedy (its beam search is slower).

:func:`speed_up` applies all four; :func:`kg.extract.nlp.load_model` calls it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["BeamOfOne", "entities_by_beam_of_one", "index_attribute_ruler", "index_lemma_tables",
           "numpy_matrix_products", "one_blas_thread", "speed_up"]

#: pattern keys whose value on a token is a string, compared by its hash as the Matcher does
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE")
#: the Token attribute holding each one's string
_TOKEN_ATTR = {a: a.lower() + "_" for a in _STRING_ATTRS}
#: pattern keys whose value is a flag (True or False)
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_STOP")

#: the order in which a rule's conditions are tried: the first one files the rule, so the most
#: selective attribute goes first
_SELECTIVE = ("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "ENT_TYPE") + _FLAG_ATTRS


def _condition(key: str, value: Any) -> tuple[str, str, Any] | None:
    """The pattern entry ``key: value`` as (attribute, test, argument), the test being "in" or
    "not in" a set of hashes, or "regex"; None if the index cannot decide it."""
    from spacy.strings import get_string_id

    key = key.upper()
    if key == "TEXT":
        key = "ORTH"
    if key in _FLAG_ATTRS:
        return (key, "in", frozenset({int(value)})) if isinstance(value, bool) else None
    if key not in _STRING_ATTRS:
        return None
    if isinstance(value, str):
        return key, "in", frozenset({get_string_id(value)})
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            return key, op.lower().replace("_", " "), frozenset(get_string_id(v) for v in arg)
        if op == "REGEX" and isinstance(arg, str):
            return key, "regex", re.compile(arg)
    return None


#: a rule as the index files it: (rule number, match id, offset of the anchor token in the
#: pattern, pattern length, the other conditions as (offset from the anchor, column, test, argument))
_Rule = tuple[int, int, int, int, tuple[tuple[int, int, str, Any], ...]]


class _IndexedMatch:
    """A replacement for ``AttributeRuler.match``: the same list of (rule number, match id, start,
    end), sorted."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self._index()

    def _index(self) -> None:
        import spacy.attrs
        from spacy.matcher import Matcher

        ruler = self.ruler
        self.rules = len(ruler.attrs)  # patterns added later (AttributeRuler.add) make it index again
        self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab, validate=False)
        # (rule number, match id, pattern length, the anchor and then the other conditions as
        # (token offset, attribute, test, argument))
        indexed: list[tuple[int, int, int, list[tuple[int, str, str, Any]]]] = []
        for i in range(len(ruler.attrs)):
            key = str(i)
            match_id = self.strings.add(key)
            rest = []
            for pattern in ruler.matcher.get(key)[1]:
                found = [(k, _condition(a, v)) for k, spec in enumerate(pattern) for a, v in spec.items()]
                conds = [(k, *c) for k, c in found if c is not None]
                anchors = [c for c in conds if c[2] == "in"]
                if anchors and len(conds) == len(found) and all(pattern):
                    # the most selective equality is the anchor: it files the rule
                    anchor = min(anchors, key=lambda c: _SELECTIVE.index(c[1]))
                    conds.remove(anchor)
                    indexed.append((i, match_id, len(pattern), [anchor, *conds]))
                else:
                    rest.append(pattern)
            if rest:
                self.rest.add(key, rest)
        # the attributes the index reads, in the column order of Doc.to_array
        self.columns = sorted({a for *_, conds in indexed for _, a, _, _ in conds})
        self.ids = [getattr(spacy.attrs, a) for a in self.columns]
        col = {a: n for n, a in enumerate(self.columns)}
        # a token tries only the rules filed under one of its own values, then checks their other
        # conditions: equalities on the column's hash, regular expressions on the token's string
        self.by_value: list[dict[int, list[_Rule]]] = [{} for _ in self.columns]
        for i, match_id, length, ((k, a, _, values), *others) in indexed:
            rule = (i, match_id, k, length, tuple((o - k, col[b], test, arg) for o, b, test, arg in others))
            for v in values:
                self.by_value[col[a]].setdefault(v, []).append(rule)
        #: how many patterns the index holds (the others are in ``rest``)
        self.indexed = len(indexed)

    def __call__(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.rules:
            self._index()
        strings = self.strings
        matches = []
        if len(self.rest):
            matches = [(int(strings[m]), m, s, e) for m, s, e in self.rest(doc, allow_missing=True)]
        n = len(doc)
        if self.columns and n:
            rows = doc.to_array(self.ids).tolist()
            if len(self.columns) == 1:
                rows = [[r] for r in rows]
            by_value = self.by_value
            for t, row in enumerate(rows):
                for c, v in enumerate(row):
                    for i, match_id, k, length, checks in by_value[c].get(v, ()):
                        start = t - k
                        if start < 0 or start + length > n:
                            continue
                        for off, cc, test, arg in checks:
                            if test == "in":
                                if rows[t + off][cc] not in arg:
                                    break
                            elif test == "not in":
                                if rows[t + off][cc] in arg:
                                    break
                            elif not arg.search(getattr(doc[t + off], _TOKEN_ATTR[self.columns[cc]])):
                                break
                        else:
                            matches.append((i, match_id, start, start + length))
        matches.sort()
        return matches


def index_attribute_ruler(nlp: "Language") -> bool:
    """Give the pipeline's attribute ruler (if it has one) the indexed ``match``; True if it did."""
    from spacy.pipeline import AttributeRuler

    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler) and not isinstance(pipe.match, _IndexedMatch):
            pipe.match = _IndexedMatch(pipe)
            return True
    return False


def index_lemma_tables(nlp: "Language") -> bool:
    """Turn the word lists of the pipeline's rule lemmatizer (its ``lemma_index`` table) into
    frozensets; True if there was a list to turn."""
    from spacy.pipeline import Lemmatizer

    changed = False
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, Lemmatizer) and pipe.mode == "rule" and pipe.lookups.has_table("lemma_index"):
            table = pipe.lookups.get_table("lemma_index")
            for key in list(table.keys()):  # the table's keys are the hashes of the part-of-speech names
                if isinstance(table[key], list):
                    table[key] = frozenset(table[key])
                    changed = True
    return changed


def numpy_matrix_products(nlp: "Language") -> bool:
    """Give every model of ``nlp`` that computes on the CPU with thinc's BLIS (``NumpyOps``) thinc's
    ``NumpyOps(use_blis=False)``, whose matrix products are numpy's; other backends (a GPU, Apple's
    Accelerate) are left alone. Returns whether a model was changed."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    changed = False
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops  # as thinc's own Model.to_cpu does, node by node
                changed = True
    return changed


class BeamOfOne:
    """A transition-based entity recognizer that predicts through spaCy's beam search with a beam of one
    instead of its greedy loop: the same transitions (the one best valid action at each step), the same
    entities. See :func:`entities_by_beam_of_one`. Everything but ``__call__`` and ``pipe`` is the wrapped
    component's (``labels``, ``moves``, ``cfg`` …)."""

    def __init__(self, component: Any) -> None:
        self.component = component

    def _predict(self, docs: "list[Doc]") -> Any:
        ner = self.component
        if not any(len(doc) for doc in docs):
            return ner.moves.init_batch(docs)  # as spaCy's own predict does for empty documents
        return ner.beam_parse(docs, beam_width=1, beam_density=0.0)

    def __call__(self, doc: "Doc") -> "Doc":
        self.component.set_annotations([doc], self._predict([doc]))
        return doc

    def pipe(self, docs: "Iterable[Doc]", *, batch_size: int = 256) -> "Iterator[Doc]":
        """As spaCy's ``Parser.pipe``: batches, each parsed in sub-batches of documents of similar length."""
        from spacy.util import minibatch

        ner = self.component
        error_handler = ner.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                for sub in minibatch(sorted(in_order, key=len), size=max(batch_size // 4, 2)):
                    sub = list(sub)
                    ner.set_annotations(sub, self._predict(sub))
                yield from in_order
            except Exception as e:
                error_handler(ner.name, ner, in_order, e)

    def __getattr__(self, name: str) -> Any:
        if name == "component":  # not set yet (a copy being made): no delegation, no recursion
            raise AttributeError(name)
        return getattr(self.component, name)


def entities_by_beam_of_one(nlp: "Language") -> bool:
    """Put a :class:`BeamOfOne` in place of ``nlp``'s greedy entity recognizer (one configured for a
    wider beam is left alone). Returns whether it did.

    spaCy's greedy loop runs without the interpreter lock and, in the wheels built with Cython 3.2 and
    later, takes the lock back twice in every look at the next token (``StateC::B_``), which the entity
    recognizer does for each of its 70-odd actions at each step: about half its time. The beam search
    keeps the lock and steps from Python, which costs far less here (the parser, which looks at tokens
    another way, is faster greedy and is left so)."""
    from spacy.pipeline import EntityRecognizer

    changed = False
    components = nlp._components  # (name, component) pairs: the pipeline as spaCy runs it
    for i, (name, component) in enumerate(components):
        if type(component) is EntityRecognizer and component.cfg.get("beam_width", 1) == 1:
            components[i] = (name, BeamOfOne(component))
            changed = True
    return changed


def one_blas_thread() -> Any:
    """A context manager that limits numpy's and scipy's BLAS to one thread inside it (BLIS, which
    thinc bundles, runs on one thread; a kg worker process should use one core, not compete with
    the others for every core)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def speed_up(nlp: "Language") -> "Language":
    """Apply :func:`index_attribute_ruler`, :func:`index_lemma_tables`, :func:`numpy_matrix_products`
    and :func:`entities_by_beam_of_one` to ``nlp`` (in place)."""
    index_attribute_ruler(nlp)
    index_lemma_tables(nlp)
    numpy_matrix_products(nlp)
    entities_by_beam_of_one(nlp)
    return nlp
