"""A stat on one line for the stats screen: `Health        ███████░░░ 8/10`. The side panel's
`StatBar` takes two lines; here a row each keeps every stat and its meaning on one screen."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from game.engine import StatView
from game.printable import one_line
from game.tui.manifest import stat_value

NAME_WIDTH = 18


class StatRow(Widget):
    COMPONENT_CLASSES = {"stat-bar--filled", "stat-bar--empty", "stat-bar--label"}

    def __init__(self, stat: StatView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stat = stat

    def render(self) -> Text:
        s = self.stat
        label = self.get_component_rich_style("stat-bar--label")
        filled = self.get_component_rich_style("stat-bar--filled")
        empty = self.get_component_rich_style("stat-bar--empty")
        value = " " + stat_value(s.value, s.max)
        name = Text(one_line(s.name), style=label, no_wrap=True, overflow="ellipsis")
        name.truncate(NAME_WIDTH - 1, overflow="ellipsis", pad=True)
        width = max(4, self.size.width - NAME_WIDTH - len(value))
        span = max(1, s.max - s.min)
        cells = max(0, min(width, round((s.value - s.min) / span * width)))
        out = Text(no_wrap=True)
        out.append_text(name)
        out.append(" ")
        out.append("█" * cells, filled)
        out.append("░" * (width - cells), empty)
        out.append(value)
        return out
