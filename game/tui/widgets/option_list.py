"""Textual's OptionList, safe at any width: laid out at least one cell wide.

A terminal narrower than the play screen's side panel left the choice list zero cells wide,
and measuring its options then divided by zero inside Rich (`range() arg 3 must not be
zero`). Every option list of the game is this one.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList as _OptionList


class OptionList(_OptionList):
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        return super().get_content_height(container, viewport, max(width, padding + 1))
