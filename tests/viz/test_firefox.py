"""The viewer in headless Firefox, from a file:// URL with no network.

Firefox has no DOM dump on its command line, so the page checks itself
(``#selftest=NODES`` covers it green when it drew exactly that many nodes, all inside
the canvas, with legible labels, no overflow and no JavaScript error, red otherwise)
and the test reads the colour of a screenshot.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
pytestmark = pytest.mark.skipif(
    FIREFOX is None, reason="LOUD SKIP: Firefox is not installed (apt-get install firefox-esr); viewer untested in Firefox"
)


def centre_colour(page: Path, fragment: str, tmp: Path) -> tuple[int, int, int]:
    from matplotlib.image import imread

    shot = tmp / "shot.png"
    shot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run([FIREFOX, "--headless", "--no-remote", "--profile", profile, "--window-size=800,600",
                            "--screenshot", str(shot), page.resolve().as_uri() + fragment],
                           capture_output=True, text=True, timeout=300)
    assert shot.exists(), r.stderr[-2000:]
    px = imread(str(shot))
    h, w = px.shape[:2]
    r_, g_, b_ = (int(round(float(c) * 255)) for c in px[h // 2, w // 2][:3])
    return r_, g_, b_


def test_firefox_draws_the_first_view(seed_out, tmp_path):
    from viewer_data import page_data

    n = sum(1 for node in page_data(seed_out / "viewer.html")["nodes"] if node.get("f"))
    assert centre_colour(seed_out / "viewer.html", f"#selftest={n}", tmp_path) == (0, 255, 0)
    # the check can fail: one node more than drawn turns the page red
    assert centre_colour(seed_out / "viewer.html", f"#selftest={n + 1}", tmp_path) == (255, 0, 0)
