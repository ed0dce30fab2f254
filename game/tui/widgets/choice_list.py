"""The choices of the current scene, numbered; closed ones greyed out with their reason."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets.option_list import Option

from game.engine import ChoiceView
from game.tui.markup import as_line, styled
from game.tui.widgets.option_list import OptionList

TAKEN_MARK = "✓"
"""Marks a choice taken before, in this game or an earlier one (help explains it)."""


def choice_prompt(number: int, choice: ChoiceView, taken: bool = False) -> Text:
    out = Text(f"{number}. " if number <= 9 else "   ", style="bold")
    out.append_text(styled(choice.text))
    if taken:
        out.append(f" {TAKEN_MARK}", "dim")
    if not choice.open:
        out.append("  ")  # outside as_line, which trims the ends of what it shows
        out.append_text(as_line(f"({choice.reason or 'closed'})", "italic"))
    return out


class ChoiceList(OptionList):
    """Posts `ChoiceList.Chosen` when an open choice is picked by Enter or the mouse."""

    @dataclass
    class Chosen(Message):
        index: int
        """0-based, in the order of the game's choices."""

    choices: reactive[tuple[ChoiceView, ...]] = reactive(())
    taken: tuple[bool, ...] = ()
    """For each choice, whether an earlier game took it; set with `show`."""

    def show(self, choices: tuple[ChoiceView, ...], taken: tuple[bool, ...]) -> None:
        """Show new choices, marking those taken in earlier games."""
        if taken != self.taken:
            self.taken = taken
            if choices == self.choices:  # same choices, new marks: draw them again
                self.mutate_reactive(ChoiceList.choices)
                return
        self.choices = choices

    def watch_choices(self, choices: tuple[ChoiceView, ...]) -> None:
        taken = self.taken
        self.set_options(
            Option(
                choice_prompt(n, c, n <= len(taken) and taken[n - 1]),
                id=f"choice-{n - 1}",
                disabled=not c.open,
            )
            for n, c in enumerate(choices, start=1)
        )
        first_open = next((i for i, c in enumerate(choices) if c.open), None)
        self.highlighted = first_open

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))
