"""Slow spots of spaCy's English pipelines, done faster with the same result.

**The attribute ruler.** spaCy's ``AttributeRuler`` (the component that turns fine-grained tags
into parts of speech and morphology, and patches known exceptions) tries every one of its patterns
at every token through a ``Matcher``. en_core_web_sm has 179 of them, almost all of a single token
("TAG is NNP" → "POS is PROPN"): about 16 µs a token, a tenth of the whole pipeline's time on news
text. :func:`index_attribute_ruler` gives a loaded pipeline's ruler a ``match`` that finds the
one-token patterns made of plain equalities (``{"TAG": "NN"}``, ``{"LOWER": {"IN": [...]}}``,
``{"IS_SPACE": True}``) by dictionary lookup on the token's attributes, and leaves every other
pattern (several tokens, regular expressions, operators, attributes it does not index) to a
``Matcher`` of its own. It returns the same matches in the same order, and they are applied as the
ruler's own ``set_annotations`` applies them, with spaCy's own function, straight on each token
(without the ``Span`` spaCy builds around every match), so the annotations are the same.

**The rule lemmatizer.** The English lemmatizer checks each form a suffix rule makes ("housing" →
"house", "hous") against the list of known words of the part of speech, 57,528 nouns long: a linear
scan, twice per rule, for every word form it has not seen before. :func:`index_lemma_tables` turns
those lists into frozensets: the same membership answers, found by hashing. (A pipeline changed this
way should not be saved with ``to_disk``, and its word lists cannot be appended to; kg does neither.)
And it builds every token and reads its morphology before it looks in its cache (and caches no base
form): :func:`keyed_lemmatizer` has it asked once per distinct word, part of speech and morphology, read
and written for a whole document at once (0.3 s to 0.05 s on Lee; the same lemmas on all 283,149 tokens
of Lee, the example and the dev sets).

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
its 70-odd moves at each step, so half its time went to taking and dropping the lock.
:func:`vectorised_entities` runs the entity recognizer's greedy loop in numpy instead, all documents of a
sub-batch a step at a time: the scores come from the model's own layers by the same operations in the
same order as in spaCy (token vectors, features precomputed per token, their sum, maxout, output layer),
and the moves allowed at each step are spaCy's (``BiluoPushDown``: no entity across a sentence start or
begun on white space, none left open at the end), checked for every state at once. It finds the same
entities as spaCy's loop (on all 1,010 documents of Lee, the example and the dev sets); deciding the
moves takes about a fifth of the time spaCy's beam of one took. Documents that already carry entities
when the recognizer runs, and models of another shape, go through spaCy's beam search with a beam of
one: the same entities too. The parser's moves depend on its whole stack and it stays greedy.

**Loading the model.** :func:`indexed_entry_points` indexes the installed packages' entry points by
group for catalogue, the library behind spaCy's registries, which otherwise scans all of them at each of
the 250-odd look-ups of a model load; :func:`special_cases_set_once` keeps spaCy from setting an English
tokenizer's special cases twice while it loads.

:func:`speed_up` applies those of the first four paragraphs; :func:`kg.extract.nlp.load_model` calls it, and
:func:`indexed_entry_points` and :func:`special_cases_set_once` as it loads the model.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["GreedyEntities", "KeyedLemmatizer", "index_attribute_ruler", "index_lemma_tables", "indexed_entry_points",
           "keyed_lemmatizer", "numpy_matrix_products", "one_blas_thread", "special_cases_set_once", "speed_up",
           "vectorised_entities"]

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


class _DirectAnnotations:
    """An attribute ruler's ``set_annotations`` that sets each match's attributes on its token directly,
    as spaCy's does after building a ``Span`` of the match and the token twice over: the same attributes
    in the same order (a later rule wins); a match whose token index falls outside it goes to spaCy's,
    which raises its error."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.original = ruler.set_annotations

    def __call__(self, doc: "Doc", matches: list[tuple[int, int, int, int]]) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        attrs, indices = self.ruler.attrs, self.ruler.indices
        for match in matches:
            attr_id, _, start, end = match
            index = indices[attr_id]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                self.original(doc, [match])  # spaCy's error about the pattern's index
            set_token_attrs(doc[i], attrs[attr_id])


def index_attribute_ruler(nlp: "Language") -> bool:
    """Give the pipeline's attribute ruler (if it has one) the indexed ``match`` and the direct
    ``set_annotations``; True if it did."""
    from spacy.pipeline import AttributeRuler

    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler) and not isinstance(pipe.match, _IndexedMatch):
            pipe.match = _IndexedMatch(pipe)
            pipe.set_annotations = _DirectAnnotations(pipe)
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


class _Wrapper:
    """A pipeline component standing in for spaCy's ``component``: everything it does not define itself
    (``labels``, ``moves``, ``cfg``, ``lookups`` …) is the wrapped component's."""

    def __init__(self, component: Any) -> None:
        self.component = component

    def __getattr__(self, name: str) -> Any:
        if name == "component":  # not set yet (a copy being made): no delegation, no recursion
            raise AttributeError(name)
        return getattr(self.component, name)


class KeyedLemmatizer(_Wrapper):
    """spaCy's lemmatizer, asked once per distinct (word, part of speech, morphology) of the documents it
    sees: what it answers for a token depends on these three alone. spaCy's own ``__call__`` builds every
    token, checks its morphology for a base form and only then looks in its cache; here the keys are
    read for a whole document at once (``Doc.to_array``), the lemma of a key seen before is taken from a
    dictionary, and the lemmas are written back at once (``Doc.from_array``). Tokens whose lemma is already
    set (by the attribute ruler) keep it unless the lemmatizer overwrites, as in spaCy. Everything but
    ``__call__`` and ``pipe`` is the wrapped component's."""

    def __init__(self, component: Any) -> None:
        super().__init__(component)
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> the lemma's hash

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self.component
        if not lemmatizer._validated or not len(doc):
            return lemmatizer(doc)  # spaCy checks its tables on the first document
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
            lemmas, known, strings = [], self._lemmas, doc.vocab.strings
            overwrite = lemmatizer.overwrite
            for i, (orth, pos, morph, lemma) in enumerate(rows):
                if lemma and not overwrite:
                    lemmas.append(lemma)
                    continue
                found = known.get((orth, pos, morph))
                if found is None:
                    found = known[(orth, pos, morph)] = strings.add(lemmatizer.lemmatize(doc[i])[0])
                lemmas.append(found)
            doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
            return doc
        except Exception as e:
            lemmatizer.get_error_handler()(lemmatizer.name, lemmatizer, [doc], e)
            return doc

    def pipe(self, docs: "Iterable[Doc]", *, batch_size: int = 128) -> "Iterator[Doc]":
        for doc in docs:
            yield self(doc)


def keyed_lemmatizer(nlp: "Language") -> bool:
    """Put a :class:`KeyedLemmatizer` in place of ``nlp``'s rule or lookup lemmatizer; True if it did."""
    from spacy.pipeline import Lemmatizer

    changed = False
    components = nlp._components
    for i, (name, component) in enumerate(components):
        if isinstance(component, Lemmatizer) and component.mode in ("rule", "lookup"):
            components[i] = (name, KeyedLemmatizer(component))
            changed = True
    return changed


#: the entity recognizer's moves (spaCy's BiluoPushDown), by the first letter of their names
_MOVES = {"M": 0, "B": 1, "I": 2, "L": 3, "U": 4, "O": 5}
_BEGIN, _IN, _LAST, _UNIT, _OUT = 1, 2, 3, 4, 5


class GreedyEntities(_Wrapper):
    """A transition-based entity recognizer whose greedy loop runs over all the documents of a sub-batch
    at once, in numpy: the same scores (from the model's layers, as spaCy computes them), the same rules
    of which move is allowed where (spaCy's ``BiluoPushDown``), the best allowed move at each step, the
    same entities. See :func:`vectorised_entities`. Documents with entities set before the recognizer
    runs, and models of another shape, go through spaCy's beam search with a beam of one instead (also
    the same entities). Everything but ``__call__`` and ``pipe`` is the wrapped component's
    (``labels``, ``moves``, ``cfg`` …)."""

    def __init__(self, component: Any) -> None:
        super().__init__(component)
        names = [component.moves.get_class_name(i) for i in range(component.moves.n_moves)]
        self._move = np.array([_MOVES.get(n[:1], -1) for n in names])
        self._label = np.array([component.vocab.strings.add(n[2:]) if len(n) > 2 else 0 for n in names],
                               dtype=np.uint64)
        labelled = self._label != 0
        self._is = {m: (self._move == m) & (labelled if m != _OUT else True)  # O is the one move without a label
                    for m in (_BEGIN, _IN, _LAST, _UNIT, _OUT)}
        self._known = bool((self._move >= 0).all()) and type(component.moves).__name__ == "BiluoPushDown"

    def _annotate(self, docs: "list[Doc]") -> None:
        ner = self.component
        if not any(len(doc) for doc in docs):
            ner.set_annotations(docs, ner.moves.init_batch(docs))  # as spaCy's own predict does
            return
        found = self._decode(docs) if self._known and not any(_has_entities(doc) for doc in docs) else None
        if found is None:
            ner.set_annotations(docs, ner.beam_parse(docs, beam_width=1, beam_density=0.0))
            return
        from spacy.tokens import Span

        for doc, ents in zip(docs, found):
            doc.set_ents([Span(doc, b, e, label=label) for b, e, label in ents], default="outside")
            for hook in ner.postprocesses:
                hook(doc)

    def _decode(self, docs: "list[Doc]") -> "list[list[tuple[int, int, int]]] | None":
        """(start, end, label hash) of each document's entities; None for a model of another shape.

        The scores are computed as spaCy computes them (``ParserStepModel``): the token vectors, each
        token's hidden features precomputed once for each of the three positions a state reads (the next
        token B(0), the first token of the open entity E(0), the token before B(0) inside it; -1, none,
        reads the learnt padding), summed in that order with the bias, the maxout's best piece, the
        output layer; a class the model never saw scores the minimum."""
        from spacy.attrs import IS_SPACE, SENT_START

        model = self.component.model
        if len(model.layers) != 3 or not model.attrs.get("has_upper") or model.layers[1].get_dim("nF") != 3:
            return None
        tok2vec, lower, upper = model.layers
        features = lower.predict(tok2vec.predict(docs))  # (tokens + 1, 3, hidden, pieces); row 0: padding
        hidden, pieces = features.shape[2], features.shape[3]
        # each piece's hidden units side by side (the best piece is then a maximum over whole rows)
        features = np.ascontiguousarray(features.transpose((0, 1, 3, 2))).reshape((features.shape[0], 3, -1))
        bias = np.ascontiguousarray(lower.get_param("b").T).reshape(-1)
        weights, upper_bias = upper.get_param("W"), upper.get_param("b")
        unseen = np.zeros(weights.shape[0], dtype=bool)
        unseen[list(model.attrs.get("unseen_classes", ()))] = True
        lengths = np.array([len(doc) for doc in docs])
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        space = np.zeros(int(lengths.sum()), dtype=bool)
        # whether the next token is in the same document and starts a sentence
        next_starts = np.zeros(int(lengths.sum()), dtype=bool)
        for doc, off, n in zip(docs, offsets, lengths):
            if n:
                arr = doc.to_array([IS_SPACE, SENT_START]).astype(np.int64)
                space[off:off + n] = arr[:, 0] != 0
                next_starts[off:off + n - 1] = arr[1:, 1] == 1
        move, label, is_ = self._move, self._label, self._is
        b = np.zeros(len(docs), dtype=np.int64)  # the next token of each document (spaCy's B(0))
        start = np.full(len(docs), -1, dtype=np.int64)  # where the open entity began (E(0)), or -1
        open_label = np.zeros(len(docs), dtype=np.uint64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        while len(active := np.flatnonzero(b < lengths)):
            pos, st = b[active], start[active]
            flat, opened = offsets[active] + pos, st >= 0
            closed = ~opened
            # the rows of the three features (+1: row 0 is the padding a missing token reads)
            vector = features[flat + 1, 0]
            vector += features[np.where(opened, offsets[active] + st + 1, 0), 1]
            vector += features[np.where(opened, flat, 0), 2]
            vector += bias
            scores = np.dot(vector.reshape((len(active), pieces, hidden)).max(axis=1), weights.T)
            scores += upper_bias
            if unseen.any():
                scores[:, unseen] = np.nanmin(scores)  # as spaCy: an unseen class scores the minimum
            two, sp, nxt = (lengths[active] - pos) >= 2, space[flat], next_starts[flat]
            same = label[None, :] == open_label[active][:, None]
            # which moves BiluoPushDown allows (with no entities set beforehand): no entity across a
            # sentence start, none begun on white space, B and I not at the last token, I and L go on
            # the open entity with its label, B, U and O only with no entity open
            valid = is_[_BEGIN][None, :] & (closed & two & ~nxt & ~sp)[:, None]
            valid |= is_[_IN][None, :] & (opened & two & ~nxt)[:, None] & same
            valid |= is_[_LAST][None, :] & opened[:, None] & same
            valid |= is_[_UNIT][None, :] & (closed & ~sp)[:, None]
            valid |= is_[_OUT][None, :] & closed[:, None]
            guess = np.where(valid, scores, -np.inf).argmax(axis=1)  # the first best, as spaCy's arg max
            stuck = ~valid.any(axis=1)
            m, lab = move[guess], label[guess]
            for k in np.flatnonzero((m == _LAST) | (m == _UNIT) | stuck):
                i = active[k]
                if stuck[k]:  # no move allowed: spaCy ends the document there, an open entity unclosed
                    b[i] = lengths[i]
                elif m[k] == _LAST:
                    found[i].append((int(start[i]), int(pos[k]) + 1, int(open_label[i])))
                else:
                    found[i].append((int(pos[k]), int(pos[k]) + 1, int(lab[k])))
            begin, last = m == _BEGIN, m == _LAST
            start[active[begin]], open_label[active[begin]] = pos[begin], lab[begin]
            start[active[last]], open_label[active[last]] = -1, 0
            b[active[~stuck]] += 1
        return found

    def __call__(self, doc: "Doc") -> "Doc":
        self._annotate([doc])
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
                    self._annotate(list(sub))
                yield from in_order
            except Exception as e:
                error_handler(ner.name, ner, in_order, e)


def _has_entities(doc: "Doc") -> bool:
    """Whether a token of ``doc`` already has an entity annotation (IOB not missing)."""
    from spacy.attrs import ENT_IOB

    return bool(len(doc)) and bool(doc.to_array(ENT_IOB).any())


def vectorised_entities(nlp: "Language") -> bool:
    """Put a :class:`GreedyEntities` in place of ``nlp``'s greedy entity recognizer (one configured for
    a wider beam is left alone). Returns whether it did.

    spaCy's greedy loop runs without the interpreter lock and, in the wheels built with Cython 3.2 and
    later, takes the lock back twice in every look at the next token (``StateC::B_``), which the entity
    recognizer does for each of its 70-odd moves at each step: about half its time. Its beam search
    (with a beam of one, the same entities) keeps the lock but still checks every move of every state
    from C, one at a time; the vectorised loop checks them for all states at once (the parser, whose
    moves depend on the whole stack, stays greedy)."""
    from spacy.pipeline import EntityRecognizer

    changed = False
    components = nlp._components  # (name, component) pairs: the pipeline as spaCy runs it
    for i, (name, component) in enumerate(components):
        if type(component) is EntityRecognizer and component.cfg.get("beam_width", 1) == 1:
            components[i] = (name, GreedyEntities(component))
            changed = True
    return changed


class _EntryPointsByGroup:
    """The installed packages' entry points, indexed by group: ``select(group=...)`` gives what
    ``importlib.metadata.EntryPoints.select`` gives (the same entry points in the same order) by one
    dictionary look-up; any other selection is the original's."""

    def __init__(self, entry_points: Any) -> None:
        self.entry_points = entry_points
        self._groups: dict[str, list[Any]] = {}
        if isinstance(entry_points, dict):  # Python 3.11's SelectableGroups: group -> its entry points
            self._groups = {group: list(eps) for group, eps in entry_points.items()}
        else:
            for ep in entry_points:
                self._groups.setdefault(ep.group, []).append(ep)

    def select(self, **params: Any) -> Any:
        if params.keys() == {"group"}:
            return list(self._groups.get(params["group"], ()))
        return self.entry_points.select(**params)


def indexed_entry_points() -> bool:
    """Give catalogue (the library behind the registries of spaCy, thinc and confection) the installed
    entry points indexed by group. Each registry look-up (about 250 while a pipeline loads) asks for the
    entry points of its group, which catalogue finds by scanning every entry point of every installed
    package (1,200 in kg's environment): 0.2 s of every model load. Returns whether it did (not when done
    already, or when catalogue holds entry points of another form)."""
    import catalogue

    current = catalogue.AVAILABLE_ENTRY_POINTS
    if isinstance(current, _EntryPointsByGroup) or not hasattr(current, "select"):
        return False
    catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointsByGroup(current)
    return True


def special_cases_set_once(load: "Callable[[], Language]") -> "Language":
    """``load()`` (a spaCy model load), with an English tokenizer's special cases ("don't", "U.S.",
    ":)" …) set once, from the model's own files, instead of twice: spaCy builds the tokenizer with the
    language's defaults, then replaces them by what the model saved (the same 1,300-odd entries, each
    compiled anew: 0.1-0.2 s). A model that saved none gets the defaults, as from spaCy."""
    from spacy.lang.en import English

    defaults = English.Defaults.tokenizer_exceptions
    English.Defaults.tokenizer_exceptions = {}
    try:
        nlp = load()
    finally:
        English.Defaults.tokenizer_exceptions = defaults
    if isinstance(nlp, English) and not nlp.tokenizer.rules:
        nlp.tokenizer.rules = defaults  # the model saved no special cases: spaCy's defaults
    return nlp


def one_blas_thread() -> Any:
    """A context manager that limits numpy's and scipy's BLAS to one thread inside it (BLIS, which
    thinc bundles, runs on one thread; a kg worker process should use one core, not compete with
    the others for every core)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def speed_up(nlp: "Language") -> "Language":
    """Apply :func:`index_attribute_ruler`, :func:`index_lemma_tables`, :func:`numpy_matrix_products`,
    :func:`vectorised_entities` and :func:`keyed_lemmatizer` to ``nlp`` (in place)."""
    index_attribute_ruler(nlp)
    index_lemma_tables(nlp)
    numpy_matrix_products(nlp)
    vectorised_entities(nlp)
    keyed_lemmatizer(nlp)
    return nlp
