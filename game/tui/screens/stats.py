"""The stats screen: each stat the player can see, as a bar with the story's own line on what
it means; the flags the story shows once they are set; the infection stage, explained."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from game.engine import StatView
from game.printable import one_line, printable
from game.tui.keys import DIALOG_KEYS
from game.tui.markup import styled
from game.tui.screens.dialog import Dialog
from game.tui.sheet import Sheet, Stage
from game.tui.widgets.stat_row import StatRow


def stage_sentence(stage: Stage) -> str:
    """What the stage means for play now, in the interface's words (the story's are below)."""
    if stage.id == "bitten" and stage.countdown is not None:
        scenes = "scene" if stage.countdown == 1 else "scenes"
        return f"{stage.countdown} {scenes} until the fever decides what you become."
    return {
        "human": "Not infected.",
        "bitten": "Infected: the fever will decide what you become.",
        "hybrid": "You kept your mind. Keep the hunger down.",
        "zombie": "The infection has taken you.",
    }.get(stage.id, "")


class StatsScreen(Dialog[None]):
    BINDINGS = [*DIALOG_KEYS, Binding("t", "close", "Close", show=False)]

    def __init__(self, sheet: Sheet) -> None:
        super().__init__()
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="stats"):
            yield Label(Content(one_line(self.sheet.player)), classes="dialog-title", markup=False)
            with VerticalScroll(id="stats-scroll"):
                yield from self._stage()
                yield from self._stats()
                yield from self._flags()
            yield Static("↑ ↓ PageUp PageDown scroll · Escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#stats-scroll").focus()

    def _stage(self) -> Iterator[Widget]:
        stage = self.sheet.stage
        if stage is None:
            return
        yield Horizontal(
            Static(Content(one_line(stage.label)), id="stats-stage", classes=f"-{stage.id}"),
            Static(Content(stage_sentence(stage)), id="stats-stage-now"),
            id="stats-stage-row",
        )
        if stage.description:
            yield Static(styled(stage.description.strip()), classes="stat-description")

    def _stats(self) -> Iterator[Widget]:
        for s in self.sheet.stats:
            yield StatRow(StatView(s.id, s.name, s.value, s.min, s.max), id=f"sheet-{s.id}")
            if s.description:
                yield Static(styled(s.description), classes="stat-description")

    def _flags(self) -> Iterator[Widget]:
        if not self.sheet.flags:
            return
        yield Static("What you have done", classes="panel-heading")
        for text in self.sheet.flags:
            yield Static(Content(f"• {printable(text)}"), classes="sheet-flag", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
