"""Opening the story behind the title: `run_app` draws the title from the manifest's header
(`Opening`), then a worker thread imports the game side, opens the story, reads the settings
and lists the saves, and hands them back as a message; a story that does not load is shown
on today's error screen, in place of the title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from game.printable import printable
from game.story_header import StoryHeader
from game.tui.player_screens import PlayerScreens
from game.tui.screens.title import TitleScreen
from game.tui.settings_path import default_config_dir

if TYPE_CHECKING:
    from game.session import Clock
    from game.story import Story, StoryError
    from game.tui import game_side as side
else:
    from game.tui.deferred import side

TITLE_CSS = Path(__file__).with_name("title.tcss")
GAME_CSS = Path(__file__).with_name("hyosan.tcss")
"""The title's styles, and every other screen's: with `opening` the first frame parses only
the title's, and the rest are read once it is drawn (`_load_game_styles`)."""


@dataclass(frozen=True, slots=True)
class Opening:
    """A story to open after the title is drawn: its folder, the save folder (None: the
    default) and the manifest's header, which the title shows meanwhile."""

    root: Path
    saves: Path | None
    header: StoryHeader
    opener: Callable[[Path], Story] | None = None
    """Opens the story (None: the compiled cache, `open_story`); tests hold it back."""


class StoryOpened(Message):
    """From the loading worker: the story and what the title needs of it are ready."""

    def __init__(self, opened: side.OpenedGame) -> None:
        super().__init__()
        self.opened = opened


class StoryFailed(Message):
    """From the loading worker: the story does not load."""

    def __init__(self, error: StoryError) -> None:
        super().__init__()
        self.error = error


class StoryOpening(PlayerScreens):
    """The app's side of `Opening`: the worker, its messages, the story's error screen."""

    opening: Opening | None
    """The story being opened; None once it is (or when the app was given it loaded)."""
    story_error: StoryError | None
    config_dir: Path | None
    clock: Clock
    seed: int | None
    dev_mode: side.DevMode | None
    _story_error_screen: side.ErrorScreen | None = None

    @property
    def loading(self) -> bool:
        return self.opening is not None

    def _show_story_error(self) -> None:
        error = self.story_error
        lines = [side.shown(d) for d in error.diagnostics] if error else ["No story was given."]
        where = f" ({side.summary(error.diagnostics)})" if error else ""
        again = "save: the story reloads by itself" if self.dev_mode else "start again"
        self._story_error_screen = side.ErrorScreen(
            "The story could not be loaded",
            f"Fix these problems in the scene files and {again}{where}. "
            "`hyosan check` lists them too.",
            lines,
            button="Quit",
        )
        self.push_screen(self._story_error_screen, lambda _: self.exit(return_code=1))

    def _open_story(self) -> None:
        self.run_worker(self._open_in_thread, name="open the story", thread=True)

    def _open_in_thread(self) -> None:
        """The worker: import the game side, open the story, read the settings and list the
        saves, off the main thread; the result comes back as a message."""
        opening = self.opening
        assert opening is not None
        try:
            opened = side.open_game(
                opening.root,
                opening.saves,
                self.config_dir or default_config_dir(),
                opener=opening.opener,
                clock=self.clock,
                seed=self.seed,
            )
        except side.StoryError as e:
            self.post_message(StoryFailed(e))
            return
        self.post_message(StoryOpened(opened))

    def _load_game_styles(self) -> None:
        """Read the other screens' styles (Textual's way for a screen's own `CSS_PATH`)."""
        if not self.stylesheet.has_source(str(GAME_CSS)):
            self.css_path.append(GAME_CSS)
            self.stylesheet.read(GAME_CSS)
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def on_story_opened(self, message: StoryOpened) -> None:
        opened = message.opened
        self._load_game_styles()
        self.opening = None
        session = opened.session
        self.folder = session.folder
        self.session = session
        self.settings_loaded(self.config_dir, opened.settings, opened.settings_problem)
        self.title = printable(session.story.title)
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.ready(opened.intro, session.continue_slot, opened.resume)
        self.run_waiting()

    def on_story_failed(self, message: StoryFailed) -> None:
        """Today's error screen, in place of the title; keys that waited are dropped."""
        self._load_game_styles()
        self.opening = None
        self.drop_waiting()
        self.story_error = message.error
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._show_story_error()
