"""Textual's Select, safe against a key that reaches its pop-up list before the list is laid
out.

Expanding a Select focuses its overlay at once, but the overlay measures its lines only
when it is next drawn. A Page Up or Page Down in between (a player typing fast, or key
repeat) looked up a line that did not exist yet: `KeyError` inside Textual, and the game
closed. Until the list is laid out there is no page to move by, so the key does nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select as _Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class PopUpList(SelectOverlay):
    """The list a Select opens; page keys wait until it has lines."""

    def _laid_out(self) -> bool:
        return self.highlighted is None or self.highlighted in self._index_to_line

    def action_page_up(self) -> None:
        if self._laid_out():
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        if self._laid_out():
            super().action_page_down()  # type: ignore[no-untyped-call]


class Select(_Select[str]):
    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield PopUpList(type_to_search=self._type_to_search).data_bind(compact=_Select.compact)
