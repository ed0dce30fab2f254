"""Benchmarks: every figure beside a baseline measured in the same run, as a ratio.

    python -m tests.bench.run                 # all, prints a table, writes bench.json
    python -m tests.bench.run --only engine   # one group: load, frame, engine, save, tui,
                                              # memory, playtest
    python -m tests.bench.run --sizes 1000,10000,50000 --json out.json

Machines are noisy: each timing is the best of several repeats, and targets are judged on
ratios wherever the issue states them as ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import tomli

from game.engine import Game
from game.story import Story, load_story
from game.story.loader import MANIFEST, default_story_dir, story_files
from game.storycache import open_story
from tests.bench.synth import write_story

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    target: str
    ok: bool | None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def tomli_parse(root: Path) -> None:
    for p in [root / MANIFEST, *story_files(root)]:
        tomli.loads(p.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- 1, 2: loading


def bench_load(story_dir: Path, label: str) -> list[Figure]:
    base = best(lambda: tomli_parse(story_dir))
    cold = best(lambda: load_story(story_dir))
    with tempfile.TemporaryDirectory() as cache:
        open_story(story_dir, directory=Path(cache))
        warm = best(lambda: open_story(story_dir, directory=Path(cache)), repeat=5)
    return [
        Figure(
            f"cold load + check ({label})",
            cold,
            "s",
            "tomli parse",
            base,
            "<= 1.3x",
            cold / base <= 1.3,
        ),
        Figure(
            f"warm load from cache ({label})",
            warm,
            "s",
            "tomli parse",
            base,
            "<= 0.3x",
            warm / base <= 0.3,
        ),
    ]


# ---------------------------------------------------------------- 4: engine throughput


def random_playthroughs(story: Story, choices: int, seed: int = 1) -> int:
    """Seeded random play, text rendered at every step; returns choices made."""
    rng = random.Random(seed)
    made, run = 0, 0
    while made < choices:
        game = Game.new(story, seed=run)
        run += 1
        for _ in range(300):
            if game.ended is not None:
                break
            _ = game.text
            options = [i for i, c in enumerate(game.choices) if c.open]
            if not options:
                break
            game.choose(rng.choice(options))
            made += 1
    return made


def walk_raw_graph(data: dict[str, dict[str, Any]], start: str, choices: int, seed: int = 1) -> int:
    """Baseline: a bare interpreter walking the raw TOML dicts (no conditions or state)."""
    rng = random.Random(seed)
    made = 0
    while made < choices:
        sid = start
        for _ in range(300):
            scene = data[sid]
            _ = scene["text"].replace("{health}", "8")
            options = scene.get("choices") or []
            if not options:
                break
            pick = options[rng.randrange(len(options))]
            sid = pick.get("goto") or pick["branch"][0]["goto"]
            made += 1
    return made


def bench_engine(story_dir: Path, label: str) -> list[Figure]:
    story = load_story(story_dir)
    raw: dict[str, dict[str, Any]] = {}
    for p in story_files(story_dir):
        raw.update(tomli.loads(p.read_text(encoding="utf-8")))
    n = 30_000
    engine = best(lambda: random_playthroughs(story, n), repeat=3)
    bare = best(lambda: walk_raw_graph(raw, story.info.start, n), repeat=3)
    rate = n / engine
    return [
        Figure(
            f"engine choices per second ({label})",
            rate,
            "/s",
            "bare dict walk /s",
            n / bare,
            ">= 40000/s",
            rate >= 40_000,
        )
    ]


# ---------------------------------------------------------------- 5: saves


def deep_game(story: Story, depth: int = 500) -> Game:
    """A game `depth` choices long: a choice that ends the game is undone and another tried."""
    rng = random.Random(7)
    game = Game.new(story, seed=7)
    misses = 0
    while game.state.turn < depth:
        options = [i for i, c in enumerate(game.choices) if c.open]
        if options:
            game.choose(rng.choice(options))
        if game.ended is None and options:
            misses = 0
            continue
        misses += 1
        for _ in range(1 + misses // 10):
            game.undo()
    return game


def bench_save(story_dir: Path, label: str) -> list[Figure]:
    from game.saves import SaveFolder

    story = load_story(story_dir)
    game = deep_game(story)
    state = game.state
    plain = json.loads(state.model_dump_json())
    serialise = best(lambda: state.model_dump_json(), repeat=20)
    base_serialise = best(lambda: json.dumps(plain), repeat=20)
    data = state.model_dump_json().encode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = SaveFolder(Path(tmp) / "saves")
        folder.save("bench", game, 1.0)
        whole = best(lambda: folder.save("bench", game, 1.0), repeat=10)
        load = best(lambda: folder.load("bench", story), repeat=10)

        def bare_write() -> None:
            with open(Path(tmp) / "bare.json", "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())

        base_write = best(bare_write, repeat=10)
    size = f"{len(data) // 1024} KiB, turn {state.turn}, undo {len(state.undo)}"
    return [
        Figure(
            f"save serialisation ({label}, {size})",
            serialise * 1000,
            "ms",
            "json.dumps of the same data ms",
            base_serialise * 1000,
            "< 2 ms",
            serialise < 0.002,
        ),
        Figure(
            f"whole save with fsync ({label})",
            whole * 1000,
            "ms",
            "bare write+fsync ms",
            base_write * 1000,
            "< 20 ms",
            whole < 0.020,
        ),
        Figure(
            f"load of that save ({label})",
            load * 1000,
            "ms",
            "json.loads ms",
            best(lambda: json.loads(data), repeat=10) * 1000,
            "",
            None,
        ),
    ]


# ---------------------------------------------------------------- 7: memory


_RSS_PROBE = """
import sys
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "story":
    from game.story import load_story
    story = load_story(path)
elif mode == "imports":
    import game.story, game.engine, tomli
# ru_maxrss survives fork and exec (it would report the parent's peak): read VmHWM.
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]))
"""


def bench_memory(story_dir: Path, label: str) -> list[Figure]:
    def rss(mode: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", _RSS_PROBE, mode, str(story_dir)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return int(out.stdout.strip()) / 1024

    loaded, empty = rss("story"), rss("imports")
    return [
        Figure(
            f"peak RSS with the story loaded ({label})",
            loaded,
            "MB",
            "same imports, no story MB",
            empty,
            "< 150 MB",
            loaded < 150,
        )
    ]


# ---------------------------------------------------------------- 3, 6: the TUI


def bench_first_frame(story_dir: Path, label: str, target: float) -> list[Figure]:
    def run(kind: str) -> float:
        def once() -> None:
            subprocess.run(
                [sys.executable, "-m", "tests.bench.first_frame", kind, str(story_dir)],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )

        return best(once, repeat=5)

    ours, minimal = run("hyosan"), run("minimal")
    return [
        Figure(
            f"process start to first frame ({label})",
            ours * 1000,
            "ms",
            "minimal Textual app ms",
            minimal * 1000,
            f"<= {target}x",
            ours / minimal <= target,
        )
    ]


def bench_keypress(story_dir: Path, label: str) -> list[Figure]:
    from tests.bench.keypress import measure

    figures = []
    results = asyncio.run(measure(story_dir))
    for turn, (ours, baseline) in results.items():
        figures.append(
            Figure(
                f"key press to new scene drawn, turn {turn} ({label})",
                ours * 1000,
                "ms",
                "minimal app key->redraw ms",
                baseline * 1000,
                "< 50 ms",
                ours < 0.050,
            )
        )
    return figures


# ---------------------------------------------------------------- 8: playtest


def bench_playtest(story_dir: Path, label: str) -> list[Figure]:
    def once(runs: int) -> float:
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "playtest",
                str(story_dir),
                "--runs",
                str(runs),
                "--seed",
                "1",
                "--json",
            ],
            check=False,
            cwd=ROOT,
            capture_output=True,
        )
        return time.perf_counter() - t

    full = once(10_000)
    startup = once(1)
    return [
        Figure(
            f"playtest --runs 10000 ({label})",
            full,
            "s",
            "playtest --runs 1 s",
            startup,
            "< 10 s",
            full < 10,
        )
    ]


# ---------------------------------------------------------------- main


def print_table(figures: list[Figure]) -> None:
    w = max(len(f.name) for f in figures) + 2
    print(f"{'figure':<{w}}{'value':>12}  {'baseline':>12}  {'ratio':>7}  target     ok")
    for f in figures:
        ok = "-" if f.ok is None else ("yes" if f.ok else "NO")
        print(
            f"{f.name:<{w}}{f.value:>10.3f}{f.unit[:2]:>2}  {f.baseline:>10.3f}{'':>2}  "
            f"{f.ratio:>6.2f}x  {f.target:<10} {ok}"
        )
        print(f"{'':<{w}}  baseline: {f.baseline_name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--only", default="")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hyosan-bench")
    args = parser.parse_args(argv)
    groups = set(args.only.split(",")) if args.only else None

    def want(group: str) -> bool:
        return groups is None or group in groups

    sizes = [int(s) for s in args.sizes.split(",")]
    stories = {}
    for n in sizes:
        folder = args.work / f"synth{n}"
        if not (folder / MANIFEST).exists():
            write_story(folder, n)
        stories[n] = folder
    big_size = 10_000 if 10_000 in stories else sizes[-1]
    big, big_label = stories[big_size], f"{big_size} scenes"
    shipped = default_story_dir()
    figures: list[Figure] = []
    if want("load"):
        for n, folder in stories.items():
            figures += bench_load(folder, f"{n} scenes")
    if want("frame"):
        figures += bench_first_frame(shipped, "shipped story", 1.1)
        figures += bench_first_frame(big, big_label, 1.3)
    if want("engine"):
        figures += bench_engine(big, big_label)
    if want("save"):
        figures += bench_save(big, big_label)
    if want("tui"):
        figures += bench_keypress(big, big_label)
    if want("memory"):
        figures += bench_memory(big, big_label)
    if want("playtest"):
        figures += bench_playtest(shipped, "shipped campaign")
    print_table(figures)
    args.json.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "python": sys.version.split()[0],
                "cpus": os.cpu_count(),
                "figures": [asdict(f) | {"ratio": f.ratio} for f in figures],
            },
            indent=2,
        )
    )
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
