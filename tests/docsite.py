"""Build the documentation site once per test run, exactly as CI does (`mkdocs build --strict`).

Shared by the docs tests; the build takes seconds, so it happens once and the site is removed at exit.
"""

from __future__ import annotations

import atexit
import functools
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    """The outcome of one strict build: where the site is, the exit code and the log."""

    site: Path
    returncode: int
    log: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. 'rules/qd-26-2026/set-13.html'."""
        return (self.site / path).read_text(encoding="utf-8")

    def text(self, path: str) -> str:
        """The page's visible text, roughly: tags removed, entities decoded, whitespace collapsed."""
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", self.page(path), flags=re.S)
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@functools.cache
def built_site() -> Built:
    """Build into a temporary directory with --strict (warnings fail the build, as in CI).

    Skips the calling test where there is no site to build (an sdist ships no `mkdocs.yml`).
    """
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("no mkdocs.yml: the documentation site is not part of this tree")
    out = Path(tempfile.mkdtemp(prefix="ocop-docs-"))
    atexit.register(shutil.rmtree, out, True)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Built(out / "site", proc.returncode, proc.stdout + proc.stderr)
