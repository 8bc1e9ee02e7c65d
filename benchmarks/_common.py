"""Helpers shared by the benchmark scripts (not part of kg, not tests)."""
from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEE = ROOT.parent / "shared" / "corpus" / "lee"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def run_measured(argv: list[str]) -> tuple[float, float, str]:
    """Run a command; (wall seconds, peak RSS MiB of the child, stderr tail)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {err[-500:]}")
    return wall, usage.ru_maxrss / 1024, err[-300:]


def replicate(src: Path, dst: Path, times: int) -> int:
    """Copy every .txt of ``src`` ``times`` times into ``dst`` under new names; returns words."""
    dst.mkdir(parents=True, exist_ok=True)
    words = 0
    for k in range(times):
        for p in sorted(src.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            (dst / f"{p.stem}-r{k}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def dir_size_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


__all__ = ["LEE", "ROOT", "dir_size_mib", "kg_cmd", "machine", "replicate", "resource", "run_measured", "shutil"]
