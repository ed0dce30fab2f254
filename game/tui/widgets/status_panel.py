"""The side panel: who the player is, their condition, stats as bars, and what they carry."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from game.printable import one_line
from game.tui.markup import as_line
from game.tui.view import EMPTY_VIEW, PlayView
from game.tui.widgets.stat_bar import StatBar


def infection_text(infection: str, label: str | None, countdown: int | None) -> str:
    if label is None:
        return ""
    if infection == "bitten" and countdown is not None:
        scenes = "scene" if countdown == 1 else "scenes"
        return f"{label}: {countdown} {scenes} left"
    return label


def inventory_text(view: PlayView) -> Text:
    if not view.inventory:
        return Text("Nothing.", style="italic")
    out = Text()
    for i, item in enumerate(view.inventory):
        if i:
            out.append("\n")
        out.append(f"• {one_line(item.name)}")
        if item.count > 1:
            out.append(f" ×{item.count}")
    return out


class StatusPanel(VerticalScroll, can_focus=False):
    """Rebuilt from the play view after every step; it holds no state of its own."""

    view: reactive[PlayView] = reactive(EMPTY_VIEW, recompose=True)

    def compose(self) -> ComposeResult:
        v = self.view
        yield Static(as_line(v.player), id="player-name")
        yield Static(
            as_line(infection_text(v.infection, v.stage_label, v.countdown)),
            id="infection",
            classes=f"-{v.infection}",
        )
        yield from self._stats()
        yield Static("Carrying", classes="panel-heading")
        yield Static(inventory_text(v), id="inventory-summary")
        yield Static(f"Turn {v.turn}", id="turn")

    def _stats(self) -> Iterator[Widget]:
        for stat in self.view.stats:
            yield StatBar(stat, id=f"stat-{stat.id}")
