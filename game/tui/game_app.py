"""`GameApp`: what the Hyosan app does around the game itself: its notices, its answers to
the player, and leaving (by `q`, by a signal), always with the game saved and the terminal
given back. `HyosanApp` builds on it; kept apart so each module stays one idea.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel

from game.printable import one_line, printable

if TYPE_CHECKING:
    from game.session import PlaySession, Step
    from game.tui import game_side as side
else:
    from game.tui.deferred import side

QUIT_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))

A = TypeVar("A", bound="GameApp")
P = ParamSpec("P")

ALERTS = {"bitten": "Bitten!", "hybrid": "Hybrid", "zombie": "Turned"}
"""The session's alert events (`Step.alerts`), each a notice with this title."""


def needs_story(
    action: Callable[Concatenate[A, P], object],
) -> Callable[Concatenate[A, P], None]:
    """An action that needs the story: done now when it is loaded, else once it is (a key
    pressed on the title while the story loads is never lost)."""

    def when_ready(app: A, /, *args: P.args, **kwargs: P.kwargs) -> None:
        app.when_ready(functools.partial(action, app, *args, **kwargs))

    functools.update_wrapper(when_ready, action)  # Textual reads the action's parameters
    return when_ready


class GameApp(App[None]):
    session: PlaySession | None
    """The play session; None while the story has not loaded (it loads after the title is
    drawn; dev mode waits for the files to be fixed)."""

    confirm_quit = False
    """Ask before quitting a game (the player's setting); the game is saved either way."""

    def __init__(self) -> None:
        super().__init__()
        self.session = None
        self.quit_note = ""
        """Printed when the app has closed: where the game was saved."""
        self.quitting = False
        self._waiting: list[Callable[[], object]] = []
        """Actions asked for while the story was loading, in order."""

    @property
    def loading(self) -> bool:
        """The story is being opened (the title is up, Continue not known yet)."""
        return False

    def when_ready(self, action: Callable[[], object]) -> None:
        """Do `action` now if the story is loaded, else once it is (`run_waiting`)."""
        if self.loading:
            self._waiting.append(action)
        else:
            action()

    def run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def drop_waiting(self) -> None:
        """The story did not load: what waited for it cannot be done."""
        self._waiting.clear()

    # ---------------------------------------------------------------- notices

    def _announce(self, step: Step) -> None:
        for event in step.alerts:
            self.notify(event.text, title=ALERTS.get(event.kind, ""), severity="warning", timeout=5)

    def say(self, text: str) -> None:
        """A short answer to what the player just did: on the play screen's notice line
        (cleared at the next step), elsewhere as a brief notice."""
        screen = self.screen
        if self.session is not None and isinstance(screen, side.PlayScreen):
            screen.show_notice(text)
        else:
            self.notify(text, timeout=3)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text: messages hold names, titles and paths from files."""
        super().notify(
            printable(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ---------------------------------------------------------------- leaving

    def _autosave_if_needed(self) -> bool:
        """Before the game in play is left: True when nothing would be lost."""
        session = self.session
        if session is None:
            return True
        error = session.autosave_if_needed()
        if error is not None:
            self.notify(error, title="Autosave failed", severity="error", timeout=8, markup=False)
            return False
        return True

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal, `kill`) end the game as `q` does: saved,
        and through Textual's own exit, which gives the terminal back as it was."""
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for sig in QUIT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._quit_on_signal, sig)

    def _quit_on_signal(self, sig: int) -> None:
        if self.session is not None:
            self.session.autosave_if_needed()
            self.quit_note = self.session.saved_note()
        self.exit(return_code=128 + sig)

    async def action_quit(self) -> None:
        """Quit, autosaving first; ask when that save failed, or when the player asked to
        be asked."""
        playing = self.session is not None and self.session.game is not None
        if self.confirm_quit and playing:

            def sure(yes: bool | None) -> None:
                if yes and self._autosave_if_needed():
                    self._exit_saved()

            self.push_screen(
                side.ConfirmScreen(
                    "Quit? The game is saved: Continue picks it up.", "Quit", "Stay"
                ),
                sure,
            )
            return
        if self._autosave_if_needed():
            self._exit_saved()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            side.ConfirmScreen(
                "Your progress could not be saved. Quit anyway and lose it?",
                "Quit anyway",
                "Keep playing",
            ),
            answered,
        )

    def _exit_saved(self) -> None:
        """Exit, leaving word of where the game was saved for the terminal (`run_app`)."""
        if self.session is not None:
            self.quit_note = self.session.saved_note()
        self.exit()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Exit; from now on no key acts (a screen opened while the app closes would raise)."""
        self.quitting = True
        super().exit(*args, **kwargs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.quitting
