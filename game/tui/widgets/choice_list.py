"""The choices of the current scene, numbered; closed ones greyed out with their reason."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets.option_list import Option

from game.engine.game import ChoiceView
from game.tui.markup import as_line, styled
from game.tui.widgets.option_list import OptionList


def choice_prompt(number: int, choice: ChoiceView) -> Text:
    out = Text(f"{number}. " if number <= 9 else "   ", style="bold")
    out.append_text(styled(choice.text))
    if not choice.open:
        out.append_text(as_line(f"  ({choice.reason or 'closed'})", "italic"))
    return out


class ChoiceList(OptionList):
    """Posts `ChoiceList.Chosen` when an open choice is picked by Enter or the mouse."""

    @dataclass
    class Chosen(Message):
        index: int
        """0-based, in the order of the game's choices."""

    choices: reactive[tuple[ChoiceView, ...]] = reactive(())

    def watch_choices(self, choices: tuple[ChoiceView, ...]) -> None:
        self.set_options(
            Option(choice_prompt(n, c), id=f"choice-{n - 1}", disabled=not c.open)
            for n, c in enumerate(choices, start=1)
        )
        first_open = next((i for i, c in enumerate(choices) if c.open), None)
        self.highlighted = first_open

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))
