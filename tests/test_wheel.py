"""A wheel built from the checkout, installed into a fresh venv, finds its rulesets and evaluates the example."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("gcc") is None and sys.platform != "linux", reason="needs a build toolchain")
def test_wheel_installs_and_evaluates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, cwd=tmp_path)
    (wheel,) = dist.glob("ocop_rules-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=tmp_path)
    example = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"
    out = subprocess.run([str(env_dir / "bin" / "ocop-rules"), "evaluate", str(example), "--format", "json"],
                         check=True, cwd=tmp_path, capture_output=True, text=True).stdout
    decision = json.loads(out)
    assert decision["stars"] == 4 and decision["average_total_exact"] == "555/7"
    where = subprocess.run([str(py), "-c", "from ocop_rules.registry import rulesets_dir; print(rulesets_dir())"],
                           check=True, cwd=tmp_path, capture_output=True, text=True).stdout.strip()
    assert where.endswith("ocop_rules/_rulesets") and str(ROOT) not in where
