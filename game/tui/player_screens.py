"""The screens players of choice games expect (stats, story map, endings gallery, settings),
opened from keys, the title menu and the command palette, and the settings they keep.

A base of `HyosanApp`, kept apart so the app module stays about playing the game: each action
reads the game or the save folder, builds a frozen view and pushes a screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.tui.game_app import GameApp, needs_story
from game.tui.settings_path import default_config_dir, peek_theme

if TYPE_CHECKING:
    from game.engine import Game
    from game.saves import SaveFolder
    from game.session import PlaySession, Step
    from game.tui import game_side as side
    from game.tui.settings import Settings, SettingsFile
else:
    from game.tui.deferred import side


class PlayerScreens(GameApp):
    folder: SaveFolder
    session: PlaySession | None
    settings: Settings
    """Read with the story: in the app's constructor when it is given a loaded story, else
    by the loading worker (`settings_loaded`); until then only `peek_theme` is known."""
    settings_file: SettingsFile
    _settings_problem: str | None = None
    _first_theme: str | None = None

    def init_settings(self, config_dir: Path | None) -> None:
        """Read the settings (called from the app's constructor); a broken file is told at
        start and the defaults are used."""
        self.settings_file = side.SettingsFile(config_dir or default_config_dir())
        self.settings, self._settings_problem = self.settings_file.load()

    def peek_settings(self, config_dir: Path | None) -> None:
        """Before the story loads: only the theme, so the title is drawn in it; the worker
        reads the whole file (`settings_loaded`)."""
        self._first_theme = peek_theme(config_dir or default_config_dir())

    def settings_loaded(
        self, config_dir: Path | None, settings: Settings, problem: str | None
    ) -> None:
        """The settings the worker read: applied, and a broken file told, as at start. A
        theme picked in the palette while they loaded is kept."""
        self.settings_file = side.SettingsFile(config_dir or default_config_dir())
        self.settings = settings
        picked = self.theme if self.theme != self._first_theme else None
        self._apply_settings()
        if problem:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        if picked is not None and picked != self.settings.theme:
            self.theme = picked

    def on_mount(self) -> None:
        """Runs after the app's own `on_mount` (Textual calls the handlers of every class)."""
        if not hasattr(self, "settings"):
            if self._first_theme in self.available_themes:
                self.theme = self._first_theme
            self._first_theme = self.theme
            return
        self._apply_settings()
        if self._settings_problem:
            self.notify(self._settings_problem, severity="warning", timeout=8, markup=False)

    # ---------------------------------------------------------------- settings

    @needs_story
    def action_settings(self) -> None:
        if not isinstance(self.screen, side.SettingsScreen):
            themes = sorted(self.available_themes)
            self.push_screen(side.SettingsScreen(self.settings, themes), self.change_settings)

    def change_settings(self, chosen: Settings | None) -> None:
        if chosen is None or chosen == self.settings:
            return
        self.settings = chosen
        self._apply_settings()
        problem = self.settings_file.save(chosen)
        if problem:
            self.notify(problem, severity="error", timeout=8, markup=False)

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the command palette is kept too."""
        settings: Settings | None = getattr(self, "settings", None)
        if settings is not None and settings.theme != theme and self.is_running:
            self.change_settings(settings.model_copy(update={"theme": theme}))

    def _apply_settings(self) -> None:
        s = self.settings
        if s.theme in self.available_themes and self.theme != s.theme:
            self.theme = s.theme
        for screen in self.screen_stack:
            if isinstance(screen, side.PlayScreen):
                screen.measure = s.story_width

    @property
    def confirm_quit(self) -> bool:
        """The player's setting: `GameApp` asks before quitting a game when it is on (off
        while the settings load with the story: there is no game to lose yet)."""
        settings: Settings | None = getattr(self, "settings", None)
        return settings is not None and settings.confirm_quit

    @confirm_quit.setter
    def confirm_quit(self, value: bool) -> None:
        self.settings = self.settings.model_copy(update={"confirm_quit": value})

    def _announce(self, step: Step) -> None:
        if self.settings.notices:  # off: the story log tells every event on its own
            super()._announce(step)

    async def action_quit(self) -> None:
        """`q` on a question (quit? delete?) waits for its answer: one question at a time."""
        if self.loading or not isinstance(self.screen, side.ConfirmScreen):
            await super().action_quit()

    # ---------------------------------------------------------------- screens

    def _game_in_play(self) -> Game | None:
        """The game being played, if any (an ended one counts: its map and stats stay)."""
        game = self.session.game if self.session is not None else None
        if game is None:
            self.notify("No game in progress: start a new one or load a save.")
        return game

    @needs_story
    def action_stats(self) -> None:
        game = self._game_in_play()
        if game is not None and not isinstance(self.screen, side.StatsScreen):
            self.push_screen(side.StatsScreen(side.sheet(game)))

    @needs_story
    def action_story_map(self) -> None:
        session, game = self.session, self._game_in_play()
        if session is None or game is None or isinstance(self.screen, side.StoryMapScreen):
            return
        story_id = session.story.id

        def taken_before(scene: str) -> frozenset[str]:
            return session.seen.taken(story_id, scene)

        m = side.story_map(game, session.endings_reached(), taken_before)
        self.push_screen(side.StoryMapScreen(m))

    # ---------------------------------------------------------------- endings

    @needs_story
    def action_endings(self) -> None:
        story = self.session.story if self.session is not None else None
        if story is None or isinstance(self.screen, side.GalleryScreen):
            return
        reached = self.folder.endings_reached(story.id)
        found = side.EndingsFound(self.folder.path).found(story.id)
        self.push_screen(side.GalleryScreen(story.title, side.gallery(story, reached, found)))
