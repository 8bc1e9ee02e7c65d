"""The embedded Oxigraph store on disk, and safe (atomic) replacement of outputs.

A build writes a complete new store into a temporary folder beside the
output and renames it into place at the end, so a failed or interrupted
build leaves the previous store as it was. A lock file keeps two builds from
writing the same output folder at once.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from typing import IO, Iterable, Iterator

from pyoxigraph import Quad, Store

from kg.errors import StoreError

__all__ = ["StoreWriter", "missing_store", "open_store", "output_lock", "remove_stale_staging", "replace_path",
           "staging_dir", "STORE_DIRNAME"]

STORE_DIRNAME = "store"
_LOCK_NAME = ".kg.lock"


def _is_lock_error(e: OSError) -> bool:
    text = str(e).lower()
    return "lock" in text or e.errno in (errno.EAGAIN, errno.EACCES)


def missing_store(path: str | Path) -> StoreError:
    """The error for a folder that holds no store, with the build that makes one there: a folder named
    ``store`` is built by ``--out`` its parent, any other folder by ``--out`` itself (the build writes
    ``FOLDER/store``, which every command also finds when given ``FOLDER``).

    >>> str(missing_store("reports/store")).endswith("kg build ARTICLES --out reports")
    True
    >>> str(missing_store("reports")).endswith("kg build ARTICLES --out reports")
    True
    """
    p = Path(path)
    out = p.parent if p.name == STORE_DIRNAME else p
    return StoreError(f"{p}: no kg store here; build one with: kg build ARTICLES --out {out}")


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """Open a built store; raises StoreError with what to do when it cannot."""
    p = Path(path)
    if not (p / "CURRENT").exists():
        raise missing_store(p)
    try:
        return Store.read_only(str(p)) if read_only else Store(str(p))
    except OSError as e:
        if _is_lock_error(e):
            raise StoreError(f"{p}: the store is locked by another process; wait for it to finish or stop it") from None
        raise StoreError(f"{p}: the store cannot be opened ({e})") from None


class StoreWriter:
    """Writes quads into a store in chunks; with ``trig``, also appends every chunk to that TriG file.

    A fresh build writes its TriG export this way, as the store fills, instead of reading every quad
    back out of the store at the end. Give :meth:`add` whole named graphs (one document's quads) so
    that a chunk ends where a graph ends; repeated quads within a chunk are written once. Used as a
    context manager it writes what is left on a normal exit, and nothing more after an exception.

    With ``mirror`` (an empty in-memory store), every chunk is also written there while the mirror
    holds at most :attr:`MIRROR_LIMIT` quads (about 340 bytes each; 193,000 for the 300 articles of the
    Lee corpus): what is computed from the whole graph after the documents are in (the entity layer,
    the GraphML projection, the viewer) is read two to three times faster from memory than from the
    freshly written store on disk. A build that outgrows the limit drops the mirror (:attr:`mirror`
    becomes None) and is read from disk: on a larger corpus the end of the build weighs less, and the
    memory a build needs must not grow with the corpus.

    >>> with StoreWriter(Store()) as w:
    ...     w.add([])
    >>> len(w.store)
    0
    """

    CHUNK = 50_000
    MIRROR_LIMIT = 250_000  # about 85 MB: a build's peak memory grows by a sixth at most

    def __init__(self, store: Store, trig: Path | None = None, mirror: Store | None = None) -> None:
        self.store = store
        self.mirror = mirror
        self._mirrored = 0  # quads written to the mirror
        self._buffer: list[Quad] = []
        self._trig: IO[bytes] | None = trig.open("wb") if trig is not None else None

    @property
    def reader(self) -> Store:
        """The store to read the graph written so far from: the mirror while there is one."""
        return self.mirror if self.mirror is not None else self.store

    def add(self, quads: Iterable[Quad]) -> None:
        self._buffer.extend(quads)
        if len(self._buffer) >= self.CHUNK:
            self.flush()

    def add_chunked(self, quads: Iterable[Quad]) -> None:
        """Add a long stream of quads a chunk at a time (without holding all of it)."""
        it = iter(quads)
        while chunk := list(islice(it, self.CHUNK)):
            self.add(chunk)

    def flush(self) -> None:
        """Write what is buffered to the store (and the TriG file, and the mirror)."""
        if not self._buffer:
            return
        chunk = list(dict.fromkeys(self._buffer))
        self._buffer = []
        self.store.bulk_extend(chunk)
        if self.mirror is not None:
            self._mirrored += len(chunk)
            if self._mirrored > self.MIRROR_LIMIT:
                self.mirror = None  # too large to hold: read from disk
            else:
                self.mirror.extend(chunk)
        if self._trig is not None:
            from pyoxigraph import RdfFormat, serialize

            from kg.graph.namespaces import PREFIXES

            serialize(chunk, self._trig, RdfFormat.TRIG, prefixes=PREFIXES)

    def close(self) -> None:
        """Write what is left and close the TriG file."""
        self.flush()
        self.store.flush()
        self._close_file()

    def _close_file(self) -> None:
        if self._trig is not None:
            self._trig.close()
            self._trig = None

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:  # the staged output is thrown away: write nothing more
            self._buffer = []
            self._close_file()


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder for the duration of a build.

    On an error, what the lock itself made is taken away again: the lock file it created and, when
    the folder did not exist before, the folder (then empty), so a failed first build leaves nothing.
    """
    lock = out / _LOCK_NAME
    new_dir = not out.exists()
    new_lock = new_dir or not lock.exists()
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    locked = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{out}: another kg build is writing to this folder; wait for it to finish") from None
        locked = True
        yield
    except BaseException:
        if locked and new_lock:  # still held: no other build can be using this file
            with contextlib.suppress(OSError):
                lock.unlink()
            if new_dir:
                with contextlib.suppress(OSError):
                    out.rmdir()  # only if empty
        raise
    finally:
        os.close(fd)


def staging_dir(out: Path) -> Path:
    """A temporary folder inside ``out`` (same file system, so renames are atomic)."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out))


def remove_stale_staging(out: Path) -> None:
    """Remove staging folders a killed build left behind (call only while holding the output lock)."""
    for stale in out.glob(".kg-build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.glob(".*.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def replace_path(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing a file or folder already there."""
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)
