"""The ``kg`` command: a thin typer app over :mod:`kg.api`."""
from __future__ import annotations

import contextlib
import gc
import json
import sys
import time
import webbrowser
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import typer

from kg.errors import InputError, KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Turn news articles into a knowledge graph: build it, query it with SPARQL, view it.")


def _flags_without_type() -> None:
    """Help texts list a flag (--quiet, --open) without the ``<bool>`` that recent typer prints as its type:
    a flag takes no value."""
    try:
        from typer.core import TyperOption
    except ImportError:  # an older typer: no such column
        return
    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None or getattr(shown, "_kg_flags", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> Any:
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    display_type_rich._kg_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_without_type()


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                       help="Print kg's version and exit.")) -> None:
    """Turn news articles into a knowledge graph: build it, query it with SPARQL, view it."""

_PUBLISHED_HELP = "Publication date (YYYY-MM-DD) for every article; overrides sidecar .json metadata."


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    graphml = "graphml"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    from kg.read import parse_date

    return parse_date(value, "--published")


@contextlib.contextmanager
def _progress_reporter(total: Optional[int], quiet: bool) -> Iterator[Optional[Callable[[Any], None]]]:
    """A tqdm bar (documents, words/s, ETA) on a terminal; a log line every 5% otherwise. The closing
    steps (entity layer, exports, viewer) are named as they start."""
    if quiet:
        yield None
        return
    start = time.monotonic()
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)

        def on_tty(p: Any) -> None:
            if p.stage != "extracting":
                bar.set_description_str(p.stage)  # a closing step: the documents are done
                return
            bar.update(p.done - bar.n)
            bar.set_postfix(words_per_s=f"{p.words / max(1e-9, time.monotonic() - start):,.0f}", refresh=False)

        try:
            yield on_tty
        finally:
            bar.close()
        return
    step = max(1, total // 20) if total else 100  # a count not known beforehand: a line every 100 documents

    def on_log(p: Any) -> None:
        if p.stage != "extracting":
            typer.echo(f"kg: {p.stage}", err=True)
        elif p.done % step == 0 or p.done == p.total:
            elapsed = time.monotonic() - start
            rate = p.words / max(1e-9, elapsed)
            if p.total is None:
                typer.echo(f"kg: {p.done} documents, {rate:,.0f} words/s", err=True)
                return
            eta = elapsed / p.done * (p.total - p.done)
            typer.echo(f"kg: {p.done}/{p.total} documents, {rate:,.0f} words/s, ETA {eta:.0f}s", err=True)

    yield on_log


def _err(message: str) -> None:
    typer.echo(f"kg: error: {message}", err=True)


_PATHS_HELP = ("Articles: .txt files (with sidecar .json), saved pages (.html, .htm), dumps (.jsonl, .json, .csv, .tsv, "
               ".parquet; one article per row), web archives (.warc, .warc.gz), feeds (.rss, .atom, .xml), or folders.")
_FIELD_HELP = "Dump column holding the article's {}; default: the first of {}."


def _field_options() -> dict[str, Any]:
    from kg.read import FIELD_NAMES

    return {f: typer.Option(None, f"--{f}-field", help=_FIELD_HELP.format(what, ", ".join(FIELD_NAMES[f])))
            for f, what in (("text", "text"), ("title", "title"), ("date", "publication date"), ("id", "id"))}


_FIELDS = _field_options()
_SHOWN = 20  # skipped inputs and notes printed one per line; the rest are counted


def _echo_capped(label: str, rows: list[tuple[str, str]]) -> None:
    for _, reason in rows[:_SHOWN]:
        typer.echo(f"kg: {label}: {reason}", err=True)
    if len(rows) > _SHOWN:
        typer.echo(f"kg: {label}: ... and {len(rows) - _SHOWN} more", err=True)


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help=_PATHS_HELP),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the store, exports and viewer."),
    published: Optional[str] = typer.Option(None, help=_PUBLISHED_HELP),
    base_iri: str = typer.Option("http://example.org/kg/", help="Base IRI for documents, entities and events."),
    model: Optional[str] = typer.Option(None, help="spaCy model package name or path (default: best installed)."),
    processes: int = typer.Option(1, "--processes", "-j", min=1, help="Worker processes for parsing and extraction."),
    batch_size: int = typer.Option(32, min=1, help="Texts per spaCy batch, which also stops at 10,000 words; "
                                                  "documents per Dask batch (with --processes, at most 16 per "
                                                  "worker task)."),
    dask: Optional[str] = typer.Option(None, "--dask",
                                       help="Extract on Dask: 'local' (a LocalCluster) or a scheduler tcp://HOST:PORT."),
    no_viewer: bool = typer.Option(False, "--no-viewer", help="Do not write viewer.html (faster on big corpora)."),
    strict: bool = typer.Option(False, "--strict", help="Stop (writing nothing) at the first file, dump row, WARC "
                                                        "record or feed entry skipped or refused."),
    add: bool = typer.Option(False, "--add", help="Add to the graph in OUT: unchanged documents are left as they are, "
                                                  "changed ones replaced."),
    gazetteer: Optional[Path] = typer.Option(None, "--gazetteer",
                                             help="Your own gazetteer TSV: label, aliases, wikidata[, type]."),
    max_file_mb: float = typer.Option(10, "--max-file-mb", help="Refuse articles (a file, a dump row, a WARC "
                                                                 "record) larger than this many MB."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
    text_field: Optional[str] = _FIELDS["text"],
    title_field: Optional[str] = _FIELDS["title"],
    date_field: Optional[str] = _FIELDS["date"],
    id_field: Optional[str] = _FIELDS["id"],
) -> None:
    """Build the graph of PATHS into OUT: store/, graph.trig, graph.graphml, viewer.html."""
    from kg.api import build as build_graph, undated_warning
    from kg.read import CONTAINERS, Fields, collect_inputs

    _parsing_process()

    if gazetteer is not None:
        from kg.extract.link import load_gazetteer

        load_gazetteer(gazetteer)

    inputs = collect_inputs(paths)
    total = None if any(i.kind in CONTAINERS for i in inputs) else len(inputs)
    fields = Fields(text=text_field, title=title_field, date=date_field, id=id_field)
    with _progress_reporter(total, quiet) as progress:
        kg_ = build_graph(paths, out, published=_date(published), base_iri=base_iri, model=model,
                          processes=processes, batch_size=batch_size, dask=dask, viewer=not no_viewer,
                          strict=strict, max_bytes=int(max_file_mb * 2**20), add=add, progress=progress,
                          fields=fields)
    s = kg_.summary
    assert s is not None
    _echo_capped("skipped", s.skipped)
    if not quiet:
        _echo_capped("note", s.notes)
    for _, reason in s.failed:
        typer.echo(f"kg: failed: {reason}", err=True)
    undated = undated_warning(s.undated, s.documents)
    if undated:
        typer.echo(undated, err=True)
    if s.failed:
        typer.echo(f"kg: processed {s.documents}, skipped {len(s.skipped)}, failed {len(s.failed)}: "
                   f"the graph holds the {s.documents} processed document(s)", err=True)
        raise SystemExit(6)
    if quiet:
        return
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(s.entities_by_type.items()))
    typer.echo(f"Processed {s.documents}, skipped {len(s.skipped)}, failed 0."
               + (f" Unchanged {len(s.unchanged)}, replaced {len(s.replaced)}." if add else ""))
    if set(s.kinds) - {"text"} or s.ignored:
        from kg.read import KINDS

        typer.echo("Read: " + ", ".join(f"{s.kinds[k]} {k}" for k in KINDS if s.kinds[k]) + " document(s)"
                   + "".join(f"; passed over {n} {r}" for r, n in s.ignored.items()) + ".")
    typer.echo(f"Built {s.documents} document(s) with {s.model}: {sum(s.entities_by_type.values())} entities "
               f"({by_type}), {s.relations} relations ({s.roles} roles), {s.events} events, {s.quotes} quotes, {s.quads} triples.")
    for name, where in s.files.items():
        typer.echo(f"  {name:14} {where}")
    # absolute, and the shipped queries by name: the hints work from any folder
    store = Path(s.files.get("store", str(out / "store"))).resolve()
    typer.echo("Next:")
    typer.echo(f"  kg query entities --store {_arg(store)}")
    typer.echo(f"  kg query roles --store {_arg(store)}")
    typer.echo(f"  kg view --store {_arg(store)} --open")


def _arg(path: Path) -> str:
    """A path as a shell argument (quoted when it holds a space or another special character)."""
    import shlex

    return shlex.quote(str(path))


def _bindings(pairs: list[str]) -> dict[str, object]:
    from pyoxigraph import NamedNode

    out: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--bind {pair!r}: write VAR=VALUE")
        name = name.strip().lstrip("?$")
        if value.startswith("<") and value.endswith(">"):
            try:
                out[name] = NamedNode(value[1:-1])
            except ValueError as e:
                raise InputError(f"--bind {pair!r}: not an IRI ({e})") from None
        else:
            out[name] = value
    return out


def _query_help() -> str:
    from kg.resources import query_names

    return ("Run a SPARQL query over the store (common prefixes are predeclared).\n\n"
            "QUERY is SPARQL text, a .rq file, or the name of a query kg ships, which works from any folder: "
            + ", ".join(query_names()) + ". Each asks the question on its first line (README: Querying kg); "
            "e.g. kg query roles, kg query statements --bind speaker=\"NAME\". "
            "With --limit N (and --offset K) it shows one page of the answer, exactly those rows of the whole "
            "answer; the shipped listings give their first pages without sorting the whole archive.")


@app.command(help=_query_help())
def query(
    query: str = typer.Argument(..., help="A shipped query's name (listed above), a .rq file, or SPARQL text."),
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    format: ResultFormat = typer.Option(ResultFormat.table, "--format", "-f", help="Result format."),
    timeout: float = typer.Option(60, "--timeout", help="Stop the query after this many seconds."),
    bind: list[str] = typer.Option([], "--bind", "-b", metavar="VAR=VALUE",
                                   help="Bind ?VAR to VALUE (a string literal, or an IRI written <...>) "
                                        "through a VALUES block, never by editing the query text. Repeatable."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=0,
                                        help="Show one page: at most this many rows (or triples)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows first (the next page: --offset N)."),
    width: int = typer.Option(80, "--width", "-w", min=0,
                              help="Table format: cut cells longer than this, marked with '…' (0: never cut; "
                                   "--format csv always gives whole values)."),
) -> None:
    """Run a SPARQL query over the store (the help text, with the shipped queries, is _query_help)."""
    from kg.api import _query_file, open_graph
    from kg.query.sparql import bind_values, load_query, run_query_file

    if timeout <= 0:
        raise KGError("--timeout must be a positive number of seconds")
    graph = open_graph(store)  # fails clearly when there is no store
    text, source = load_query(_query_file(query))
    if bind:
        text = bind_values(text, _bindings(bind))
    graph.close()
    out = run_query_file(str(graph.path), text, source, format.value, timeout, limit, offset, width=width)
    typer.echo(out.rstrip("\n"))


class Colour(str, Enum):
    type = "type"
    community = "community"


@app.command()
def view(
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    out: Path = typer.Option(Path("output/viewer.html"), "--out", "-o", help="HTML file to write."),
    query: Optional[str] = typer.Option(None, "--query", help="A CONSTRUCT query (.rq or text): show only its nodes."),
    max_nodes: Optional[int] = typer.Option(None, "--max-nodes",
                                            help="Write at most N entities and events into the page (the most important)."),
    top: int = typer.Option(300, "--top", help="Nodes in the first view: the most important entities (by mentions, "
                            "statements and links) and the events among them; the others are a click ('show neighbours') "
                            "or a search away."),
    statements: bool = typer.Option(False, "--statements",
                                    help="Show statements and quotes as nodes (default: folded into their speaker)."),
    isolates: bool = typer.Option(False, "--isolates", help="Show entities with no link (default: hidden, counted)."),
    comention: bool = typer.Option(False, "--comention",
                                   help="Turn on the co-occurrence layer (entities named in the same sentence)."),
    colour: Colour = typer.Option(Colour.type, "--colour", help="Colour the nodes by class or by community."),
    open_: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
) -> None:
    """(Re)write the self-contained HTML viewer of the graph (or of a CONSTRUCT query's part of it).
    Every option can also be switched in the page."""
    from kg.api import open_graph

    if max_nodes is not None and max_nodes < 1:
        raise KGError("--max-nodes must be at least 1")
    if top < 1:
        raise KGError("--top must be at least 1")
    path = open_graph(store).write_viewer(out, query=query, max_nodes=max_nodes, top=top, statements=statements,
                                          isolates=isolates, comention=comention, colour=colour.value)
    typer.echo(f"Viewer written to {path}")
    if open_:
        try:
            opened = webbrowser.open(path.resolve().as_uri())
        except webbrowser.Error:
            opened = False
        if not opened:
            typer.echo(f"kg: no browser could be opened here; open the page yourself: {path.resolve()}", err=True)


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f",
                                        help="Output format (JSON Lines records come from the articles: kg extract)."),
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
) -> None:
    """Export the whole graph as Turtle, TriG, N-Quads, JSON-LD or GraphML (JSON Lines per article: kg extract)."""
    from kg.api import open_graph

    kg_ = open_graph(store)
    if out is not None:
        kg_.export(format.value, out)
        typer.echo(f"Wrote {out}", err=True)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = kg_.export(format.value, Path(tmp) / f"graph.{format.value}")
        sys.stdout.write(path.read_text(encoding="utf-8"))


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help=_PATHS_HELP),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    published: Optional[str] = typer.Option(None, help=_PUBLISHED_HELP),
    base_iri: str = typer.Option("http://example.org/kg/", help="Base IRI for entity ids."),
    model: Optional[str] = typer.Option(None, help="spaCy model package name or path."),
    text_field: Optional[str] = _FIELDS["text"],
    title_field: Optional[str] = _FIELDS["title"],
    date_field: Optional[str] = _FIELDS["date"],
    id_field: Optional[str] = _FIELDS["id"],
) -> None:
    """Print one JSON object per document (entities, relations, events, quotes) without building a store."""
    from kg.api import extract_records, undated_warning
    from kg.read import Fields

    _parsing_process()

    failed: list[str] = []
    count = undated = 0

    def report(f) -> None:
        failed.append(f.reason)
        typer.echo(f"kg: failed: {f.reason}", err=True)

    def unread(u) -> None:
        if u.status == "failed":
            report(u)
        elif u.status == "skipped":
            typer.echo(f"kg: skipped: {u.reason}", err=True)

    fields = Fields(text=text_field, title=title_field, date=date_field, id=id_field)
    for rec in extract_records(paths, published=_date(published), model=model, base_iri=base_iri, fields=fields,
                               on_failure=report, on_unread=unread):
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        count += 1
        undated += rec["published"] is None
    warning = undated_warning(undated, count)
    if warning:
        typer.echo(warning, err=True)
    if failed:
        raise SystemExit(6)


@app.command()
def remove(
    docs: List[str] = typer.Argument(..., metavar="DOC",
                                     help="Document ids (kg stats --documents lists them) or the files' paths."),
    store: Path = typer.Option(Path("output"), "--store", "-s", "--out", "-o",
                               help="Store folder (or its output folder); --out is the same option."),
    base_iri: str = typer.Option("http://example.org/kg/", help="Base IRI the graph was built with."),
) -> None:
    """Remove documents, and every entity no other document mentions, from a built graph."""
    from kg.api import remove as remove_docs

    kg_ = remove_docs(docs, store, base_iri=base_iri)
    assert kg_.summary is not None
    typer.echo(f"Removed {len(kg_.summary.removed)} document(s); the graph now has {kg_.summary.quads} triples.")


@app.command()
def stats(
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    top: int = typer.Option(10, help="How many of the most mentioned entities to list."),
    documents: bool = typer.Option(False, "--documents", "-d",
                                   help="Also list every document: id (what kg remove takes), date, title."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Documents (--documents: one by one), entities by type, statements by type, merges by rule, entities
    linked to another (by a typed relation or a shared event), top entities."""
    from kg.api import open_graph

    graph = open_graph(store)
    st = graph.stats(top)
    docs = graph.documents() if documents else None
    if json_:
        if docs is not None:
            st["document_list"] = docs.to_dict(orient="records")
        typer.echo(json.dumps(st, ensure_ascii=False, indent=1))
        return
    typer.echo(f"documents: {st['documents']}")
    if docs is not None:
        for row in docs.itertuples(index=False):
            typer.echo(f"  {row.id}  {row.published or '(undated)'}  {row.title or ''}".rstrip())
    for section in ("entities", "statements", "merges"):
        typer.echo(f"{section}: " + (", ".join(f"{k} {v}" for k, v in st[section].items()) or "none"))
    total = sum(st["entities"].values())
    typer.echo(f"entities linked: {st['linked']} of {total} (by a typed relation or a shared event; "
               f"{st['linked_open']} with the open relation too)")
    typer.echo("most mentioned:")
    for label, kind, n in st["top_entities"]:
        typer.echo(f"  {n:5d}  {label} ({kind})")


@app.command()
def serve(
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback unless told otherwise)."),
    port: int = typer.Option(7878, help="TCP port."),
    timeout: int = typer.Option(30, help="Query timeout in seconds; a query it stops is answered 503."),
    limit: int = typer.Option(10_000, help="At most this many results (rows or triples) per answer; "
                                          "a cut answer has the header KG-Results-Truncated. 0: no limit."),
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (the Oxigraph server) until interrupted."""
    from kg.http import run_server, server_command

    cmd = server_command(store, host=host, port=port, timeout_s=timeout, limit=limit)
    cap = f"at most {limit:,} results per answer" if limit else "no result limit"
    typer.echo(f"SPARQL endpoint (read-only, {timeout} s timeout, {cap}): {cmd.url}    (Ctrl-C stops it)",
               err=True)
    raise SystemExit(run_server(cmd))


@app.command()
def push(
    endpoint: str = typer.Option(..., help="The server's SPARQL query endpoint URL."),
    graph_store: Optional[str] = typer.Option(None, "--graph-store",
                                              help="Its Graph Store Protocol URL (guessed for Oxigraph/Fuseki)."),
    store: Path = typer.Option(Path("output/store"), "--store", "-s", help="Store folder (or its output folder)."),
    replace: bool = typer.Option(False, "--replace", help="Replace each document graph (PUT) instead of adding (POST)."),
    batch_size: int = typer.Option(50_000, help="Triples per request."),
    retries: int = typer.Option(4, help="Retries on transient errors."),
) -> None:
    """Upload every document's named graph to a SPARQL server through the Graph Store Protocol."""
    from kg.api import open_graph
    from kg.http import graph_store_url, push as push_graphs

    target = graph_store or graph_store_url(endpoint)
    summary = push_graphs(open_graph(store).store, target, replace=replace, batch_size=batch_size, retries=retries,
                          progress=lambda m: typer.echo(m, err=True))
    typer.echo(f"Pushed {summary.graphs} graph(s), {summary.triples} triples to {summary.graph_store} "
               f"in {summary.requests} request(s) ({summary.retries} retried).")


def _click_exceptions() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """The Exit, usage-error and Abort classes the command line may raise: recent typer raises those of
    the click it vendors (typer._click), older typer those of click itself; either may be installed."""
    import importlib

    usage: list[type] = []
    for name in ("typer._click.exceptions", "click.exceptions"):
        try:
            usage.append(importlib.import_module(name).ClickException)
        except (ImportError, AttributeError):
            continue
    return (typer.Exit,), tuple(usage), (typer.Abort,)


def _parsing_process() -> None:
    """Tune the collector for a command that parses articles in this process and ends with it: the model,
    once loaded, is frozen out of the collector's way (:data:`kg.extract.nlp.FREEZE_AFTER_LOAD`), and the
    collector runs less often (a build allocates millions of short-lived objects, few of them in cycles)."""
    from kg.extract import nlp

    nlp.FREEZE_AFTER_LOAD = True
    gc.set_threshold(50_000, 10, 10)


def main() -> None:
    """The ``kg`` command."""
    try:
        _run()
    finally:
        # The command is done and the process ends: what it holds (the model, the documents, the graph) is
        # given back with the process. Frozen, it is not walked once more by the collector on the way out
        # (half a second after a build).
        gc.freeze()


def _run() -> None:
    try:
        code = app(standalone_mode=False)
    except KGError as e:
        _err(str(e))
        raise SystemExit(e.exit_code) from None
    except KeyboardInterrupt:
        code = 130
    except Exception as e:  # click usage errors
        exit_, usage, abort = _click_exceptions()
        if isinstance(e, exit_):
            raise SystemExit(e.exit_code) from None
        if isinstance(e, usage):
            e.show()
            raise SystemExit(e.exit_code) from None
        if isinstance(e, abort):
            raise SystemExit(1) from None
        raise
    # without standalone mode, typer turns Ctrl-C into a returned 130 (and click's Exit into its code)
    if code == 130:
        _err("interrupted; nothing in the output folder was changed")
    if isinstance(code, int) and code:
        raise SystemExit(code)


if __name__ == "__main__":
    main()
