"""A page in headless Chromium driven as a user drives it: real mouse events through the DevTools
protocol (``--remote-debugging-pipe``: JSON messages on file descriptors 3 and 4, no network and no
extra package), and waits on conditions in the page, never on the clock."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from viewer_data import CHROMIUM, FLAGS, _CHROME_PX

#: the longest any one wait may take before the test fails (a hang guard, not a timing threshold)
HANG = 120


class Page:
    """``with Page(path, size=(1400, 900)) as p:`` opens the page; ``p.js(expr)`` evaluates,
    ``p.wait(cond)`` waits until ``cond`` is true in the page, ``p.click(x, y)`` and ``p.drag(...)``
    send real mouse events at viewport coordinates."""

    def __init__(self, page: Path, fragment: str = "", size: tuple[int, int] = (1400, 900)) -> None:
        self.url = page.resolve().as_uri() + fragment
        self.size = size
        self._id = 0
        self._buf = b""

    def __enter__(self) -> "Page":
        self._profile = tempfile.TemporaryDirectory()
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()

        def fds() -> None:  # the child reads commands on 3 and writes answers on 4
            import fcntl

            a, b = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe",
             f"--window-size={self.size[0]},{self.size[1] + _CHROME_PX}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_child, from_child), preexec_fn=fds)
        os.close(to_child)
        os.close(from_child)
        targets = self._call("Target.getTargets")["targetInfos"]
        target = next(t["targetId"] for t in targets if t["type"] == "page")
        self._session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=self.size[0], height=self.size[1],
                  deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=self.url)
        self.wait("document.getElementById('kg-status') && document.getElementById('kg-status').dataset.drawn === '1'")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)
        self._profile.cleanup()

    # --- protocol ---------------------------------------------------------------------------------
    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        return self._id

    def _receive(self, want: int) -> dict[str, Any]:
        import select

        while True:
            while b"\0" in self._buf:
                raw, self._buf = self._buf.split(b"\0", 1)
                msg = json.loads(raw)
                if msg.get("id") == want:
                    if "error" in msg:
                        raise RuntimeError(f"{msg['error']}")
                    return msg.get("result", {})
            ready, _, _ = select.select([self._r], [], [], HANG)
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk

    def _call(self, method: str, **params: Any) -> dict[str, Any]:
        return self._receive(self._send(method, params, None))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self._receive(self._send(method, params, self._session))

    # --- the page ---------------------------------------------------------------------------------
    def js(self, expression: str) -> Any:
        """The value of ``expression`` in the page (promises awaited)."""
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise AssertionError(r["exceptionDetails"])
        return r["result"].get("value")

    def wait(self, condition: str) -> None:
        """Until ``condition`` (a JavaScript expression) is true in the page, checked on every frame."""
        ok = self.js("new Promise(function (done) { var t0 = Date.now(); (function check() {"
                     f" var v = false; try {{ v = !!({condition}); }} catch (e) {{}}"
                     f" if (v) {{ done(true); }} else if (Date.now() - t0 > {HANG * 1000}) {{ done(false); }}"
                     " else { requestAnimationFrame(check); } })(); })")
        assert ok, f"the page never reached: {condition}"

    def status(self) -> dict[str, str]:
        return self.js("Object.assign({}, document.getElementById('kg-status').dataset)")

    def _mouse(self, kind: str, x: float, y: float, buttons: int = 0, count: int = 1) -> None:
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left" if kind != "mouseMoved" or buttons else "none",
                  buttons=buttons, clickCount=count)

    def click(self, x: float, y: float, count: int = 1) -> None:
        self._mouse("mouseMoved", x, y)
        for c in range(1, count + 1):
            self._mouse("mousePressed", x, y, buttons=1, count=c)
            self._mouse("mouseReleased", x, y, count=c)

    def drag(self, x0: float, y0: float, x1: float, y1: float, steps: int = 8) -> None:
        self._mouse("mouseMoved", x0, y0)
        self._mouse("mousePressed", x0, y0, buttons=1)
        for k in range(1, steps + 1):
            self._mouse("mouseMoved", x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps, buttons=1)
        self._mouse("mouseReleased", x1, y1)

    def centre_of(self, selector: str) -> tuple[float, float]:
        r = self.js(f"(function () {{ var b = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                    " return [b.left + b.width / 2, b.top + b.height / 2]; })()")
        return r[0], r[1]

    def node_at(self, index: int) -> tuple[float, float]:
        """Where node ``index`` is drawn, in viewport coordinates."""
        r = self.js(f"(function () {{ var n = window.kgNetwork, p = n.canvasToDOM(n.getPositions([{index}])[{index}]),"
                    " b = document.getElementById('kg-graph').getBoundingClientRect();"
                    " return [b.left + p.x, b.top + p.y]; })()")
        return r[0], r[1]
