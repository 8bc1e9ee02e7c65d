"""Errors with messages that say what went wrong, where, and what to do next.

Every error ``kg`` raises on purpose is a :class:`KGError`; the CLI prints its
message on one line and exits with its ``exit_code``. Codes are stable.
"""
from __future__ import annotations

__all__ = [
    "KGError",
    "InputError",
    "SkippedInput",
    "ModelError",
    "QueryError",
    "StoreError",
    "WorkerError",
]


class KGError(Exception):
    """Base class: ``str(err)`` is a one-line, actionable message."""

    code = "KG000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class InputError(KGError):
    """A path, file or option given by the user cannot be used."""

    code = "KG100"
    exit_code = 2


class SkippedInput(InputError):
    """A file with nothing to read (empty, only white space): skipped with a warning, or an error under --strict."""

    code = "KG101"


class ModelError(KGError):
    """No spaCy pipeline could be loaded."""

    code = "KG200"
    exit_code = 3


class StoreError(KGError):
    """The store cannot be opened, is locked, or is missing."""

    code = "KG300"
    exit_code = 4


class QueryError(KGError):
    """A SPARQL query is malformed or failed."""

    code = "KG400"
    exit_code = 2


class WorkerError(KGError):
    """Parallel extraction failed: a worker process died, the Dask scheduler cannot be reached,
    or a task on the cluster failed."""

    code = "KG600"
    exit_code = 7
