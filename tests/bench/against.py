"""Before and after in one run: this harness over another revision's code, then over ours.

    python -m tests.bench.run --only engine,save --sizes 10000 --against main --rounds 3

The other revision's `game/` (and the stories it plays) is taken with `git archive` into a
folder beside the generated stories, and this checkout's `tests/bench` is copied over it, so
both sides are measured by the same code. Each round runs the other side, then ours, as
separate processes (so neither warms the other's caches); each figure keeps its best value
over the rounds. A busy machine moves every figure, but it moves both sides of one round
alike: compare the `after / before` ratio, not the absolute values.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

from tests.bench.common import ROOT

TAKEN = ("game", "scenes", "tests/stories", "tests/conftest.py")
"""What the other revision contributes: its code and the stories it plays."""


def checkout(ref: str, work: Path) -> Path:
    """The other revision's code under `work` (made once per commit), with our harness."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = work / f"against-{sha[:12]}"
    if not (folder / "game").is_dir():
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha, *TAKEN], cwd=ROOT, capture_output=True
        )
        if archive.returncode != 0:
            raise SystemExit(f"git archive {ref} failed: {archive.stderr.decode().strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
    shutil.rmtree(folder / "tests" / "bench", ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "bench", folder / "tests" / "bench")
    return folder


def run_side(where: Path, args: list[str], out: Path) -> list[dict[str, Any]]:
    """One run of the harness with `where` as the code under test; its figures."""
    subprocess.run(
        [sys.executable, "-m", "tests.bench.run", *args, "--json", str(out)],
        cwd=where,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    figures: list[dict[str, Any]] = json.loads(out.read_text())["figures"]
    return figures


def keep_best(best: dict[str, dict[str, Any]], figures: list[dict[str, Any]]) -> None:
    """Per figure, the better value seen (higher for a rate, lower for the rest)."""
    for f in figures:
        old = best.get(f["name"])
        higher = f["unit"] == "/s"
        if old is None or (f["value"] > old["value"] if higher else f["value"] < old["value"]):
            best[f["name"]] = f


def compare(ref: str, work: Path, args: list[str], rounds: int) -> int:
    other = checkout(ref, work)
    before: dict[str, dict[str, Any]] = {}
    after: dict[str, dict[str, Any]] = {}
    for n in range(rounds):
        keep_best(before, run_side(other, args, work / f"before-{n}.json"))
        keep_best(after, run_side(ROOT, args, work / f"after-{n}.json"))
    w = max(len(name) for name in after) + 2
    print(f"before: {ref}   after: this checkout   best of {rounds} round(s)\n")
    print(f"{'figure':<{w}}{'before':>12}  {'after':>12}  {'after/before':>12}  target")
    for name, a in after.items():
        b = before.get(name)
        was = f"{b['value']:>9.2f} {b['unit']:<3}" if b else f"{'-':>13}"
        ratio = f"{a['value'] / b['value']:>11.2f}x" if b and b["value"] else f"{'-':>12}"
        ok = "-" if a["ok"] is None else ("yes" if a["ok"] else "NO")
        print(f"{name:<{w}}{was}  {a['value']:>9.2f} {a['unit']:<3}  {ratio}  {a['target']} {ok}")
        print(
            f"{'':<{w}}  baseline ({a['baseline_name']}): {a['baseline']:.3f}, ratio "
            f"{a['value'] / a['baseline'] if a['baseline'] else float('nan'):.2f}x"
        )
    return 0
