"""The side panel folded into one line, for narrow terminals: what can end the story (health,
hunger once it shows) and the infection stage. The whole panel opens with a key or a click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from game.printable import one_line
from game.tui.manifest import stat_value
from game.tui.view import EMPTY_VIEW, PlayView


def stage_text(stage: str, infection: str, countdown: int | None) -> str:
    if infection == "bitten" and countdown is not None:
        return f"{stage} {countdown}"
    return stage


class StatusLine(Horizontal, can_focus=False):
    """Rebuilt from the play view after every step, like the panel it stands for."""

    class Clicked(Message):
        """The player clicked the line: open the full panel."""

    view: reactive[PlayView] = reactive(EMPTY_VIEW, recompose=True)

    def compose(self) -> ComposeResult:
        v = self.view
        yield Static(Content(one_line(v.player)), id="status-player", markup=False)
        for stat in v.stats:
            if stat.id in v.alerts:
                yield Static(
                    Content(f"{one_line(stat.name)} {stat_value(stat.value, stat.max)}").stylize(
                        "bold", 0, len(one_line(stat.name))
                    ),
                    classes="status-stat",
                    id=f"status-{stat.id}",
                )
        if v.stage_label is not None:
            yield Static(
                Content(one_line(stage_text(v.stage_label, v.infection, v.countdown))),
                id="status-stage",
                classes=f"-{v.infection}",
            )
        yield Static(Content(f"Turn {v.turn}"), id="status-turn")

    def on_click(self) -> None:
        self.post_message(self.Clicked())
