"""`Dialog`: a modal screen that closes once, however fast the keys come.

Keys typed quickly arrive before the app has caught up: two Enters submit a form twice, two
Escapes close a dialog twice. A second dismissal would pop a screen that is not this one (or
the last screen there is). Here a dialog that is closing, or is not the screen on top,
ignores any further dismissal.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

R = TypeVar("R")


def may_dismiss(screen: Screen[R]) -> bool:
    """Whether `screen` can still be dismissed: it is on top and not already closing."""
    if getattr(screen, "_dismissed_once", False) or not screen.is_current:
        return False
    screen._dismissed_once = True  # type: ignore[attr-defined]
    return True


def _nothing() -> AwaitComplete:
    """An already finished `AwaitComplete` (Textual's own helper is untyped)."""
    done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
    return done


class Dialog(ModalScreen[R]):
    def dismiss(self, result: R | None = None) -> AwaitComplete:
        if not may_dismiss(self):
            return _nothing()
        return super().dismiss(result)
