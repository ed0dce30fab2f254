"""Help: every key (generated from the binding tables in `game.tui.keys`), what the marks on
the screen mean, and the stats and the infection in the story's own words (its manifest)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from game.printable import one_line
from game.story.story import Story
from game.tui import manifest
from game.tui.keys import DIALOG_KEYS, KEY_SECTIONS
from game.tui.markup import styled
from game.tui.screens.dialog import Dialog
from game.tui.widgets.choice_list import TAKEN_MARK

STAGES = ("human", "bitten", "hybrid", "zombie")


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"question_mark": "?", "delete": "Delete", "escape": "Escape"}
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


KEY_WIDTH = 10
"""The key column: wide enough for `PageDown`, so every section lines up."""


def keys_table(sections: list[tuple[str, list[BindingType]]]) -> Group:
    """Every key a player can press, section by section; the choices' 2-9 are listed once."""
    parts: list[RenderableType] = []
    for n, (title, bindings) in enumerate(sections):
        parts.append(Text(("\n" if n else "") + title, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, width=KEY_WIDTH)
        table.add_column()
        for b in bindings:
            if isinstance(b, Binding) and (b.show or b.key_display):
                table.add_row(key_label(b), b.tooltip or b.description)
        parts.append(table)
    return Group(*parts)


def notes_table(rows: list[tuple[RenderableType, RenderableType]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", width=KEY_WIDTH)
    table.add_column()
    for row in rows:
        table.add_row(*row)
    return table


def heading(title: str) -> Text:
    return Text("\n" + title, style="bold underline")


def story_notes(story: Story | None) -> Group:
    """The marks on the play screen, then the stats and the infection as the story tells them."""
    parts: list[RenderableType] = [
        Text("On the play screen", style="bold underline"),
        notes_table(
            [
                (
                    TAKEN_MARK,
                    "A choice you have taken before, in any game: the others lead elsewhere.",
                ),
                ("Greyed", "A choice closed for now; the reason is beside it."),
            ]
        ),
    ]
    if story is None:
        return Group(*parts)
    stats = [(p.stat.name, p.stat.description) for p in story.stats.values() if p.visible]
    if stats:
        parts.append(heading("Stats"))
        for name, text in stats:  # names can be long: each stat is a line of its own
            line = Text()
            line.append(one_line(name), "bold")
            if text:
                line.append(" — ")
                line.append_text(styled(text))
            parts.append(line)
    if story.infection is not None:
        parts.append(heading("The infection"))
        stages = " → ".join(manifest.stage_label(story, s) or s for s in STAGES)
        parts.append(Text(stages, style="bold"))
        description = manifest.infection_description(story).strip()
        parts.append(
            styled(description)
            if description
            else Text(
                f"A bite starts a countdown of {story.infection.countdown} scenes; then the "
                "fever decides. The stats screen (t) shows where you are."
            )
        )
    return Group(*parts)


class HelpScreen(Dialog[None]):
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
