"""What a playtest found, as data (`Report`, also `--json`) and as text for a person.

Each problem comes with the seed and the steps that reproduce it, printed as the command that
replays it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Problem:
    """A crash, a stuck state or a loop without exit, with the steps that reproduce it."""

    kind: str  # "crash" | "stuck" | "loop"
    scene: str
    detail: str
    seed: int
    path: list[str]
    count: int = 1


@dataclass
class ChoiceRef:
    scene: str
    number: int  # 1-based, as in the scene file's order of [[scene.choices]]
    text: str


@dataclass
class ActionRef:
    item: str
    number: int  # 1-based
    text: str


@dataclass
class Report:
    story: str
    mode: str  # "random" | "exhaustive"
    seed: int
    runs: int
    steps: int
    states: int = 0
    complete: bool = True
    scenes_never_reached: list[str] = field(default_factory=list)
    choices_never_taken: list[ChoiceRef] = field(default_factory=list)
    items_never_carried: list[str] = field(default_factory=list)
    item_actions_never_used: list[ActionRef] = field(default_factory=list)
    endings: dict[str, int] = field(default_factory=dict)
    endings_never_reached: list[str] = field(default_factory=list)
    mean_length: float = 0.0
    max_length: int = 0
    crashes: list[Problem] = field(default_factory=list)
    stuck: list[Problem] = field(default_factory=list)
    loops: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.crashes or self.stuck or self.loops)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["failed"] = self.failed
        return out


def format_report(report: Report, story_dir: str) -> str:
    """The report as a person reads it, ending in one OK or FAILED line."""
    lines: list[str] = []
    _header(report, lines.append)
    _coverage(report, lines)
    _problems(report, story_dir, lines.append)
    if report.failed:
        lines.append(
            f"FAILED: {len(report.crashes)} crash(es), {len(report.stuck)} stuck state(s), "
            f"{len(report.loops)} loop(s) without exit"
        )
    else:
        lines.append("OK: no crash, no stuck state, no loop without exit")
    return "\n".join(lines)


def _header(report: Report, add: Callable[[str], None]) -> None:
    if report.mode == "random":
        add(
            f"Playtest of '{report.story}': {report.runs} random runs from seed {report.seed}, "
            f"at most {report.steps} steps each ({report.seconds:.2f} s)"
        )
    else:
        add(
            f"Exhaustive playtest of '{report.story}': {report.states} distinct states"
            f"{'' if report.complete else ' (stopped at a bound: --max-states/--steps)'} "
            f"({report.seconds:.2f} s)"
        )
    unit = "runs" if report.mode == "random" else "end states"
    add(f"Endings ({sum(report.endings.values())} {unit}):")
    for eid, n in report.endings.items():
        add(f"  {eid}: {n}")
    if report.endings_never_reached:
        add(f"  never reached: {', '.join(report.endings_never_reached)}")
    add(f"Length to an ending: mean {report.mean_length} steps, max {report.max_length}")


def _coverage(report: Report, lines: list[str]) -> None:
    def listing(title: str, items: list[str]) -> None:
        lines.append(f"{title} ({len(items)}){':' if items else ''}")
        lines.extend(f"  {x}" for x in items)

    listing("Scenes never reached", report.scenes_never_reached)
    listing(
        "Choices never taken",
        [f"{c.scene} choice {c.number}: {c.text}" for c in report.choices_never_taken],
    )
    listing("Items never carried", report.items_never_carried)
    listing(
        "Item actions never used",
        [f"{a.item} action {a.number}: {a.text}" for a in report.item_actions_never_used],
    )


def _problems(report: Report, story_dir: str, add: Callable[[str], None]) -> None:
    for title, problems in (
        ("Crashes", report.crashes),
        ("Stuck states", report.stuck),
        ("Loops without exit", report.loops),
    ):
        add(f"{title} ({len(problems)}){':' if problems else ''}")
        for p in problems:
            times = f", {p.count} times" if p.count > 1 else ""
            add(f"  in scene '{p.scene}'{times}: {p.detail}")
            steps = " ".join(p.path)
            add(f'    reproduce: hyosan playtest {story_dir} --seed {p.seed} --replay "{steps}"')
