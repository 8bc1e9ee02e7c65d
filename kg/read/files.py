"""Find article files, read them exactly, and attach sidecar metadata."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.read.news import split_news
from kg.types import Document, Span

__all__ = ["collect_paths", "parse_date", "read_document", "read_documents"]

_SIDECAR_KEYS = {"title", "source", "published", "dateline", "language", "file", "note", "url"}


def parse_date(value: str, where: str) -> date:
    """Parse an ISO date (YYYY-MM-DD) or raise an InputError naming ``where``."""
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-08-11") from None


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of ``.txt`` files."""
    found: list[Path] = []
    given = list(paths)
    if not given:
        raise InputError("no input given; name one or more .txt files or folders")
    for raw in given:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            txts = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not txts:
                raise InputError(f"{p}: folder holds no .txt files; kg reads plain-text articles named *.txt")
            found.extend(txts)
        else:
            found.append(p)
    seen: dict[str, Path] = {}
    unique: list[Path] = []
    for p in found:
        key = str(p.resolve())
        if key not in seen:
            seen[key] = p
            unique.append(p)
    stems: dict[str, Path] = {}
    for p in unique:
        if p.stem in stems:
            raise InputError(
                f"{p}: has the same name as {stems[p.stem]}; document ids come from file names, rename one of them"
            )
        stems[p.stem] = p
    return unique


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: is a binary file, not text; give kg plain-text articles")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: is not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from None
    return text.removeprefix("\ufeff")


def _sidecar(path: Path) -> dict[str, object]:
    meta_path = path.with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{meta_path}: sidecar metadata is not valid JSON ({e})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: sidecar metadata must be a JSON object")
    return {k: v for k, v in meta.items() if k in _SIDECAR_KEYS}


def _split_source(source: str | None) -> tuple[str | None, str | None]:
    """'Agence France-Presse (AFP)' -> ('Agence France-Presse', 'AFP')."""
    if not source:
        return None, None
    m = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", source)
    if m:
        return m.group(1), m.group(2)
    return source.strip(), None


def read_document(path: str | Path, published: date | None = None) -> Document:
    """Read one article; ``published`` overrides the sidecar's date."""
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        raise InputError(f"{path}: is empty; there is no article to read")
    meta = _sidecar(path)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if published is None and meta.get("published"):
        published = parse_date(str(meta["published"]), f"{path.with_suffix('.json')}: published")
    structure = split_news(text, title)
    source, abbrev = _split_source(meta.get("source") if isinstance(meta.get("source"), str) else None)
    if structure.agency is not None:
        abbrev = abbrev or structure.agency.text
        if source is None:
            source = structure.agency.text
    place = None
    if structure.place is not None:
        place = structure.place.text.title()
    elif isinstance(meta.get("dateline"), str):
        place = str(meta["dateline"])
    if title is None and structure.headline is not None:
        title = structure.headline.text
    return Document(
        id=path.stem,
        path=str(path),
        text=text,
        body=structure.body,
        headline=structure.headline,
        dateline=structure.dateline,
        title=title,
        published=published,
        source=source,
        source_abbrev=abbrev,
        place=place,
        place_span=structure.place,
        source_span=structure.agency,
        language=str(meta.get("language") or "en"),
    )


def read_documents(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Document]:
    for p in collect_paths(paths):
        yield read_document(p, published)
