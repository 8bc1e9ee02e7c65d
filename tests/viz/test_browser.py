"""The viewer in a real browser (Debian's headless Chromium), from a file:// URL with no network: the
example article, the 300 Lee articles and 3,000 generated documents. The page reports what it drew
(``#kg-status``): node count, every node inside the canvas after the first fit, no page overflow,
legible labels that do not cover each other, no JavaScript error."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from viewer_data import CHROMIUM, archive_page, page_data, screenshot_colour, status  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="LOUD SKIP: Chromium is not installed (apt-get install chromium); viewer untested in a browser"
)
LEE = ROOT / "tests" / "data" / "lee300"


def first_view(page: Path) -> tuple[int, int]:
    """(nodes in the first view, entities hidden for having no link), from the page's data."""
    data = page_data(page)
    return sum(1 for n in data["nodes"] if n.get("f")), data["isolates"]


def check_first_view(page: Path, size: tuple[int, int] = (1400, 900)) -> dict[str, str]:
    st = status(page, size=size)
    shown, isolates = first_view(page)
    assert st["drawn"] == "1" and st["errors"] == "0"
    assert int(st["nodes"]) == shown > 0
    assert st["inside"] == "1", st.get("outside")
    assert st["overflow"] == "0"
    assert int(st["labels"]) >= min(10, shown)
    assert float(st["minlabel"]) >= 12
    assert st["overlaps"] == "0"  # no drawn label covers another (node or edge label, as vis-network drew them)
    assert int(st["hidden"]) == isolates
    return st


@pytest.fixture(scope="module")
def lee_out(tmp_path_factory) -> Path:
    import kg

    out = tmp_path_factory.mktemp("lee")
    kg.build([LEE], out)
    return out


def test_example_first_view_fits_and_reads(seed_out):
    st = check_first_view(seed_out / "viewer.html")
    assert int(st["hidden"]) > 0  # the example has entities with no link: hidden, counted
    assert int(st["edges"]) > 0


def test_example_fits_a_small_window(seed_out):
    check_first_view(seed_out / "viewer.html", size=(800, 600))


def test_search_finds_a_hidden_entity_and_shows_it(seed_out):
    page = seed_out / "viewer.html"
    data = page_data(page)
    hidden = next(n["l"] for n in data["nodes"] if n.get("i"))
    st = status(page, "#search=" + hidden.replace(" ", "%20"))
    assert st["focused"] == hidden
    assert int(st["nodes"]) == first_view(page)[0] + 1


def test_search_by_alias(seed_out):
    assert status(seed_out / "viewer.html", "#search=Biden")["focused"] == "Joe Biden"


def test_switches(seed_out):
    page = seed_out / "viewer.html"
    shown, isolates = first_view(page)
    base = status(page)
    assert int(status(page, "#isolates=1")["nodes"]) == shown + isolates
    with_statements = status(page, "#statements=1")
    assert int(with_statements["nodes"]) > shown and with_statements["errors"] == "0"
    co = status(page, "#comention=1")
    assert int(co["edges"]) > int(base["edges"]) and co["nodes"] == base["nodes"]
    assert status(page, "#colour=community")["errors"] == "0"
    # the timeline: what happened in 2020 (the deal) is a part of the graph
    then = status(page, "#from=2020-01-01&to=2020-12-31")
    assert 0 < int(then["nodes"]) < shown and then["errors"] == "0"


def test_screenshot_self_test_and_negative_control(seed_out, tmp_path):
    page = seed_out / "viewer.html"
    shown, _ = first_view(page)
    assert screenshot_colour(page, f"#selftest={shown}", tmp_path) == (0, 255, 0)
    # the check can fail: one node more than drawn turns the page red
    assert screenshot_colour(page, f"#selftest={shown + 1}", tmp_path) == (255, 0, 0)


def _cut_at_the_border(png: bytes, box: list[float], band: int = 3) -> int:
    """Pixels that are not background in a band ``band`` px wide just inside the graph's box: what is drawn
    there runs on past the window (a label or a node cropped)."""
    import io

    from matplotlib.image import imread

    px = imread(io.BytesIO(png), format="png")[:, :, :3]
    left, top, right, bottom = (int(round(v)) for v in box)
    inner = px[top:bottom, left:right]
    ink = (inner < 0.85).any(axis=2)
    border = ink.copy()
    border[band:-band, band:-band] = False
    return int(border.sum()), int(ink.sum())


def test_screenshot_for_people(seed_out):
    """The picture a person looks at (saved as output/viewer-screenshot.png), taken at 1400 x 900 once the
    first view is drawn: the graph fills its box with nothing cut at the box's border; the same page zoomed
    in (the negative control) is cut there."""
    import base64

    from cdp import Page

    with Page(seed_out / "viewer.html", size=(1400, 900)) as p:
        p.wait("document.getElementById('kg-status').dataset.overlaps !== undefined")
        box = p.js("(function () { var b = document.getElementById('kg-graph').getBoundingClientRect();"
                   " return [b.left, b.top, b.right, b.bottom]; })()")
        shot = base64.b64decode(p.call("Page.captureScreenshot", format="png")["data"])
        cut, ink = _cut_at_the_border(shot, box)
        assert cut == 0 and ink > 0.01 * (box[2] - box[0]) * (box[3] - box[1])
        path = ROOT / "output" / "viewer-screenshot.png"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(shot)
        # negative control: zoomed in twice as far, what was at the sides runs past the window
        p.js("(function (n) { n.moveTo({scale: 2 * n.getScale(), animation: false}); n.redraw(); })(window.kgNetwork)")
        zoomed = base64.b64decode(p.call("Page.captureScreenshot", format="png")["data"])
        assert _cut_at_the_border(zoomed, box)[0] > 0


def test_lee_articles_first_view(lee_out):
    page = lee_out / "viewer.html"
    st = check_first_view(page)
    data = page_data(page)
    entities = sum(1 for n in data["nodes"] if n["k"] == "entity")
    assert int(st["hidden"]) > 0 and int(st["nodes"]) < entities


def test_lee_articles_fit_a_small_window(lee_out):
    check_first_view(lee_out / "viewer.html", size=(800, 600))


def test_lee_articles_top_option(lee_out, tmp_path):
    import kg

    page = kg.open(lee_out).write_viewer(tmp_path / "top.html", top=40)
    st = check_first_view(page)
    assert int(st["nodes"]) == 40  # events included: --top bounds what the first view draws


def test_generated_archive_first_view(archive_page):
    st = check_first_view(archive_page)
    data = page_data(archive_page)
    assert len(data["nodes"]) > 1000 and int(st["nodes"]) <= 300
    # a node outside the first view is found and shown
    outside = next(n["l"] for n in data["nodes"] if n["k"] == "entity" and not n.get("f") and not n.get("i"))
    found = status(archive_page, "#search=" + outside.replace(" ", "%20"))
    assert found["focused"] == outside and int(found["nodes"]) == int(st["nodes"]) + 1


def test_large_networkx_graph_draws(tmp_path):
    import networkx as nx

    from kg.viz import write_html

    g = nx.MultiDiGraph()
    base = nx.barabasi_albert_graph(2000, 1, seed=3)
    for n in base:
        g.add_node(f"n{n}", label=f"node {n}", type=["Person", "Organization", "Country"][n % 3], mentions=1)
    for a, b in base.edges:
        g.add_edge(f"n{a}", f"n{b}", predicate="related", sentence="s", document="d")
    page = write_html(g, tmp_path / "big.html")
    st = check_first_view(page)
    assert int(st["nodes"]) == 300
