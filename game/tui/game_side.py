"""The game side of the app: everything that needs the story (the session, the saves, the
engine, pydantic, the screens of play), imported here and nowhere else on the app's start.

`HyosanApp` draws the title with Textual and a few light modules; it reaches these names as
`side.X` (`game.tui.deferred`), so this module is imported by the worker that opens the story
once the title is drawn (`open_game`), or at once when the app is given a loaded story.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from game.endings_found import EndingsFound
from game.engine import debug
from game.saves import QUICKSAVE, SaveFolder, SlotInfo, default_save_dir
from game.session import Clock, NotThisGame, PlaySession, SessionError, slot_title
from game.story import Story, StoryError, load_story
from game.story.diagnostics import summary
from game.storycache import open_story
from game.tui.dev import POLL_SECONDS, DevMode
from game.tui.diagnostics import shown
from game.tui.gallery import gallery
from game.tui.markup import styled
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.error import ErrorScreen
from game.tui.screens.gallery import GalleryScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.history import HistoryScreen
from game.tui.screens.inventory import InventoryScreen
from game.tui.screens.load import LoadScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.save import SaveScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.stats import StatsScreen
from game.tui.screens.story_map import StoryMapScreen
from game.tui.settings import Settings, SettingsFile
from game.tui.sheet import sheet
from game.tui.storymap import story_map
from game.tui.view import log_views, play_view

__all__ = [
    "POLL_SECONDS",
    "QUICKSAVE",
    "ConfirmScreen",
    "DevMode",
    "EndingScreen",
    "EndingsFound",
    "ErrorScreen",
    "GalleryScreen",
    "HelpScreen",
    "HistoryScreen",
    "InventoryScreen",
    "LoadScreen",
    "NameScreen",
    "NotThisGame",
    "OpenedGame",
    "PlayScreen",
    "PlaySession",
    "SaveFolder",
    "SaveScreen",
    "SessionError",
    "SettingsFile",
    "SettingsScreen",
    "StatsScreen",
    "StoryError",
    "StoryMapScreen",
    "debug",
    "default_save_dir",
    "gallery",
    "intro_text",
    "load_story",
    "log_views",
    "open_game",
    "open_story",
    "play_view",
    "sheet",
    "shown",
    "slot_title",
    "story_map",
    "summary",
]


def intro_text(story: Story) -> Text:
    """The title screen's intro in the story's styles; empty when the story has none."""
    intro = story.info.intro
    return styled(intro.strip()) if intro else Text()


@dataclass(frozen=True, slots=True)
class OpenedGame:
    """What the loading worker hands the app: the session over the loaded story, the
    player's settings (and a sentence when their file could not be used), the save Continue
    resumes, and the intro as the story's styles draw it."""

    session: PlaySession
    settings: Settings
    settings_problem: str | None
    resume: SlotInfo | None
    intro: Text


def open_game(
    root: Path,
    saves: Path | None,
    config_dir: Path,
    *,
    opener: Callable[[Path], Story] | None = None,
    clock: Clock,
    seed: int | None,
) -> OpenedGame:
    """Open the story at `root` (through the compiled cache) and everything the title needs
    of it; run in a worker thread. Raises `StoryError` when the story does not load.
    `opener` opens the story instead of `open_story` (tests hold it back)."""
    settings, problem = SettingsFile(config_dir).load()
    folder = SaveFolder(default_save_dir(saves))
    story = (opener or open_story)(root)
    session = PlaySession(story, folder, clock=clock, seed=seed)
    return OpenedGame(session, settings, problem, session.continue_slot(), intro_text(story))
