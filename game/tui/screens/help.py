"""Help: every key (generated from the binding tables in `game.tui.keys`), what the marks on
the screen mean, and the stats and the infection in the story's own words (its manifest)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from game.story.story import Story
from game.tui import manifest
from game.tui.keys import DIALOG_KEYS, KEY_SECTIONS
from game.tui.markup import styled
from game.tui.widgets.choice_list import TAKEN_MARK

STAGES = ("human", "bitten", "hybrid", "zombie")


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"question_mark": "?", "delete": "Delete", "escape": "Escape"}
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


def keys_table(sections: list[tuple[str, list[BindingType]]]) -> Table:
    """Every key a player can press; the choices' 2-9 are listed once, as 1-9."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=9)
    table.add_column()
    for n, (title, bindings) in enumerate(sections):
        if n:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            if isinstance(b, Binding) and (b.show or b.key_display):
                table.add_row(key_label(b), b.tooltip or b.description)
    return table


def story_notes(story: Story | None) -> Table:
    """The marks on the play screen, then the stats and the infection as the story tells them."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, max_width=24)
    table.add_column()
    table.add_row(Text("On the play screen", style="bold underline"), "")
    table.add_row(TAKEN_MARK, "A choice you took in an earlier game: the others lead elsewhere.")
    table.add_row("Greyed out", "A choice closed for now; the reason is beside it.")
    if story is None:
        return table
    stats = [(p.stat.name, p.stat.description) for p in story.stats.values() if p.visible]
    if stats:
        table.add_row("", "")
        table.add_row(Text("Stats", style="bold underline"), "")
        for name, description in stats:
            table.add_row(Text(name), styled(description))
    if story.infection is not None:
        table.add_row("", "")
        table.add_row(Text("The infection", style="bold underline"), "")
        stages = [manifest.stage_label(story, s) or s for s in STAGES]
        table.add_row("Stages", Text(" → ".join(stages), style="bold"))
        description = manifest.infection_description(story).strip()
        table.add_row(
            "",
            styled(description)
            if description
            else Text(
                f"A bite starts a countdown of {story.infection.countdown} scenes; then the "
                "fever decides. The stats screen (t) shows where you are."
            ),
        )
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = DIALOG_KEYS

    def __init__(self, story: Story | None = None) -> None:
        super().__init__()
        self.story = story

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="help"):
            yield Label("Help", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(keys_table(KEY_SECTIONS))
                yield Static(story_notes(self.story), id="help-story")
            yield Static(
                "↑ ↓ PageUp PageDown scroll · Lists: ↑ ↓ and Enter · Escape closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
