"""A stat as a labelled bar: `Health ███████░░░ 4/5`."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from game.engine import StatView
from game.printable import one_line


class StatBar(Widget):
    COMPONENT_CLASSES = {"stat-bar--filled", "stat-bar--empty", "stat-bar--label"}

    stat: reactive[StatView | None] = reactive(None, layout=True)

    def __init__(self, stat: StatView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatBar.stat, stat)

    def render(self) -> Text:
        s = self.stat
        if s is None:
            return Text()
        label = self.get_component_rich_style("stat-bar--label")
        filled = self.get_component_rich_style("stat-bar--filled")
        empty = self.get_component_rich_style("stat-bar--empty")
        if not s.bounded:  # a bar of a billion cells says nothing: the number alone
            return Text(f"{one_line(s.name)}\n{s.value}", style=label, no_wrap=True)
        numbers = f" {s.value}/{s.max}"
        width = max(4, self.size.width - len(numbers))
        span = max(1, s.max - s.min)
        cells = round((s.value - s.min) / span * width)
        out = Text(one_line(s.name), style=label, no_wrap=True, overflow="ellipsis")
        out.append("\n")
        out.append("█" * cells, filled)
        out.append("░" * (width - cells), empty)
        out.append(numbers)
        return out
