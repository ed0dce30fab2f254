"""The Textual app: holds the story, the save folder and the game in play, and turns the
player's intents (keys, clicks, commands) into calls on the engine's `Game`.

Screens get what they show when they are made and post what the player wants upward; the app
asks the engine, saves, and pushes a new view down. Errors in play are shown, never raised.

The title comes first: `run_app` reads only the manifest's header (`game.story_header`) and
draws the title with Textual and a few light modules; a worker thread then imports the game
side (`game.tui.game_side`, reached as `side`), opens the story and lists the saves
(`game.tui.opening`). A key that needs the story, pressed before that, is carried out once it
is ready (`needs_story`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from game.printable import printable
from game.story_header import default_story_dir, read_header
from game.tui.commands import DevCommands, GameCommands
from game.tui.game_app import GameApp, needs_story
from game.tui.keys import APP_KEYS
from game.tui.opening import GAME_CSS, TITLE_CSS, Opening, StoryOpening
from game.tui.screens.title import TitleScreen, verbatim_intro

if TYPE_CHECKING:
    from game.saves import SaveFolder
    from game.session import Clock, PlaySession, Step
    from game.story import Story, StoryError
    from game.tui import game_side as side
    from game.tui.screens.inventory import ItemUse
    from game.tui.widgets.choice_list import ChoiceList
else:
    from game.tui.deferred import side


class HyosanApp(StoryOpening):
    CSS_PATH = [TITLE_CSS, GAME_CSS]  # absolute: subclasses live elsewhere
    TITLE = "Hyosan"
    BINDINGS = APP_KEYS
    COMMANDS = GameApp.COMMANDS | {GameCommands, DevCommands}
    NOTIFICATION_TIMEOUT = 4

    def __init__(
        self,
        story: Story | None,
        folder: SaveFolder | None,
        *,
        story_error: StoryError | None = None,
        clock: Clock = time.monotonic,
        seed: int | None = None,
        dev: bool = False,
        story_root: Path | None = None,
        watch_seconds: float | None = None,
        config_dir: Path | None = None,
        opening: Opening | None = None,
    ) -> None:
        """The app over a loaded `story` (None with `story_error`: the error is shown), or,
        with `opening` (and no story or folder yet), over a story opened once the title is
        drawn."""
        super().__init__()
        self.story_error = story_error
        self.clock = clock
        self.seed = seed
        self.dev = dev
        self.config_dir = config_dir
        self.opening = opening
        self._story_error_screen: side.ErrorScreen | None = None
        if opening is not None:
            self.css_path = [TITLE_CSS]
            self.peek_settings(config_dir)
        else:
            self.init_settings(config_dir)
        if folder is not None:
            self.folder = folder
        self.session = self._new_session(story) if story is not None else None
        root = story.root if story is not None else story_root
        self.dev_mode = (
            side.DevMode(
                self, self, root, side.POLL_SECONDS if watch_seconds is None else watch_seconds
            )
            if dev and root is not None
            else None
        )

    def _new_session(self, story: Story) -> PlaySession:
        return side.PlaySession(story, self.folder, clock=self.clock, seed=self.seed)

    @property
    def story(self) -> Story | None:
        return self.session.story if self.session is not None else None

    # ---------------------------------------------------------------- screens

    def on_mount(self) -> None:
        self._catch_signals()
        if self.dev_mode is not None:
            self.sub_title = "DEV"
            self.dev_mode.start()
            self.notify(
                f"Watching {self.dev_mode.root} for edits. Ctrl+p lists the dev commands.",
                title="Dev mode",
                markup=False,
            )
        if self.opening is not None:
            header = self.opening.header
            self.title = printable(header.title)
            title = TitleScreen(header.title, verbatim_intro(header.intro))
            self.push_screen(title)
            title.call_after_refresh(self._open_story)  # once the title is drawn
            return
        if self.story is None:
            self._show_story_error()
            return
        self.title = printable(self.story.title)
        self.push_screen(self._title_screen())

    def _title_screen(self) -> TitleScreen:
        assert self.session is not None
        story = self.session.story
        return TitleScreen(story.title, side.intro_text(story), self.session.continue_slot)

    def _replace_screens(self, screen: Screen[None]) -> None:
        """Make `screen` the one full screen: dialogs and screens above it are closed."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def _show_game(self) -> None:
        """Show the game in play: its ending when it has ended, else the play screen."""
        session = self.session
        if session is None or session.game is None:
            return
        game = session.game
        if game.ended is not None:
            reached = session.endings_reached()
            self._replace_screens(
                side.EndingScreen(game.ended, game.text, session.story.endings, reached)
            )
            return
        view = side.play_view(game, taken=session.seen_choices())
        for screen in self.screen_stack:
            if isinstance(screen, side.PlayScreen):
                screen.view = view
                return
        self._replace_screens(
            side.PlayScreen(view, dev=self.dev, measure=self.settings.story_width)
        )

    def _need_game(self) -> PlaySession | None:
        session = self.session
        if session is None or session.game is None:
            self.say("No game in progress: start a new one or load a save.")
            return None
        return session

    # ---------------------------------------------------------------- starting

    @needs_story
    def action_new_game(self) -> None:
        """Start a new game; a game in progress is kept as a save of its own, if the player
        agrees, never replaced without a word."""
        session = self.session
        if session is None:
            return
        progress = session.in_progress()
        if progress is None:
            self._ask_name()
            return

        def answered(yes: bool | None) -> None:
            if not yes or self.session is None:
                return
            try:
                kept = self.session.keep_in_progress()
            except side.SessionError as e:
                self.notify(str(e), title="Could not keep the game", severity="error", markup=False)
                return
            self.say(f"The game in progress is kept as “{kept}”.")
            self._ask_name()

        self.push_screen(
            side.ConfirmScreen(
                f"Start a new game? The game in progress ({progress.describe()}) "
                "is kept as a save of its own.",
                "New game",
                "Cancel",
            ),
            answered,
        )

    def _ask_name(self) -> None:
        session = self.session
        if session is None:
            return
        if session.ask_name:
            self.push_screen(
                side.NameScreen(session.default_player, session.name_prompt), self.start_game
            )
        else:
            self.start_game(session.default_player)

    def start_game(self, player: str | None) -> None:
        session = self.session
        if player is None or session is None:
            return
        self._autosave_if_needed()
        step = session.new_game(player)
        self._announce(step)
        self._show_game()

    @needs_story
    def action_continue_game(self) -> None:
        session = self.session
        if session is None:
            return
        slot = session.continue_slot()
        if slot is None:
            self.say("There is no save to continue yet.")
            return
        self.load_slot(slot.name)

    # ---------------------------------------------------------------- playing

    def on_choice_list_chosen(self, message: ChoiceList.Chosen) -> None:
        self.action_choose(message.index + 1)

    @needs_story
    def action_choose(self, number: int) -> None:
        session = self._need_game()
        if session is None:
            return
        self._step(lambda: session.choose(number - 1))

    def use_item(self, use: ItemUse | None) -> None:
        session = self.session
        if use is None or session is None or session.game is None:
            return
        self._step(lambda: session.use(*use))

    @needs_story
    def action_undo(self) -> None:
        session = self._need_game()
        if session is None:
            return
        step = session.undo()
        if step is None:
            self.say("Nothing to undo.")
            return
        self._after_step(step)
        assert session.game is not None
        self.say(f"Undone: back to {session.game.title}.")

    def _step(self, act: Callable[[], Step]) -> None:
        try:
            step = act()
        except side.SessionError as e:
            self.say(str(e))
            return
        self._after_step(step)

    def _after_step(self, step: Step) -> None:
        """Show the new state (the session saved it). Events are in the story log; only what
        changes the player (a bite, turning) and a failed autosave get a notice of their own,
        and the notices of the step before are cleared."""
        self.clear_notifications()
        if step.save_error is not None:
            self.notify(step.save_error, title="Autosave failed", severity="error", timeout=8)
        self._announce(step)
        self._show_game()

    @needs_story
    def action_inventory(self) -> None:
        session = self._need_game()
        if session is None or session.game is None:
            return
        if session.game.ended is not None:
            self.say("The story has ended.")
            return
        self.push_screen(side.InventoryScreen(tuple(session.game.inventory)), self.use_item)

    @needs_story
    def action_history(self) -> None:
        session = self._need_game()
        if session is not None and session.game is not None:
            self.push_screen(side.HistoryScreen(side.log_views(session.game)))

    @needs_story
    def action_help(self) -> None:
        self.push_screen(side.HelpScreen(self.story))

    # ---------------------------------------------------------------- saving

    def _save(self, slot: str) -> bool:
        session = self.session
        if session is None or session.game is None:
            return False
        try:
            session.save(slot)
        except side.SessionError as e:
            self.notify(str(e), title="Could not save", severity="error", timeout=8)
            return False
        self.say(f"Saved to “{side.slot_title(slot)}”.")
        return True

    @needs_story
    def action_save(self) -> None:
        session = self._need_game()
        if session is None or session.game is None:
            return
        state = session.game.state
        suggested = f"{state.player} turn {state.turn}"
        self.push_screen(side.SaveScreen(self.folder, session.story.id, suggested), self.save_to)

    def save_to(self, slot: str | None) -> None:
        if slot is not None:
            self._save(slot)

    @needs_story
    def action_quicksave(self) -> None:
        if self._need_game() is not None:
            self._save(side.QUICKSAVE)

    @needs_story
    def action_load(self) -> None:
        if self.session is not None:
            self.push_screen(side.LoadScreen(self.folder, self.session.story.id), self.load_slot)

    @needs_story
    def action_quickload(self) -> None:
        session = self.session
        if session is None:
            return
        self._load(session.quickload, side.QUICKSAVE)

    def load_slot(self, slot: str | None) -> None:
        session = self.session
        if slot is None or session is None:
            return
        self._load(lambda: session.load(slot), slot)

    def _load(self, load: Callable[[], list[str]], slot: str) -> None:
        session = self.session
        if session is None:
            return
        try:
            notes = load()
        except side.NotThisGame as e:
            self.say(str(e))
            return
        except side.SessionError as e:
            self.push_screen(
                side.ErrorScreen("This save cannot be loaded", str(e), [], button="Back")
            )
            return
        assert session.game is not None
        self._show_game()
        self.say(f"Loaded “{side.slot_title(slot)}”: {session.game.title}.")
        for note in notes:
            self.notify(note, severity="warning", timeout=8, markup=False)

    # ---------------------------------------------------------------- dev mode and quitting

    def replace_story(self, story: Story) -> bool:
        """Swap in a reloaded story under the game in play (dev mode); the state carries over
        and the current scene is shown as the new files write it. False when refused."""
        session = self.session
        game = session.game if session is not None else None
        if game is not None and game.state.scene not in story.scenes:
            self.notify(
                f"The reloaded story has no scene '{game.state.scene}'; kept the old story.",
                severity="error",
                markup=False,
            )
            return False
        self.title = printable(story.title)
        if session is None:  # the story did not load at start: leave its error for the title
            self.session = self._new_session(story)
            broken, self._story_error_screen = self._story_error_screen, None
            if broken is not None and self.screen is broken:
                self.pop_screen()
            self.push_screen(self._title_screen())
            return True
        session.swap_story(story)
        if session.game is not None:
            side.debug.rerender(session.game)
            self._show_game()
        return True

    def action_dev(self, command: str) -> None:
        """A dev command from the palette (dev mode only)."""
        if self.dev_mode is not None:
            self.dev_mode.run(command)

    def after_dev_change(self, note: str) -> None:
        """Save and show a change made by the dev tools; no ending counts as reached."""
        session = self.session
        if session is None or session.game is None:
            return
        self.notify(note, title="Dev", markup=False)
        self._after_step(session.after_outside_change())


def run_app(
    scenes: Path | None, saves: Path | None, dev: bool = False, seed: int | None = None
) -> int:
    """Play the story at `scenes` (default: the shipped one); returns the exit status.

    `seed` fixes the random outcomes of new games (for replays and bug reports).
    """
    app = build_app(scenes, saves, dev=dev, seed=seed)
    app.run()
    if app.quit_note:
        print(app.quit_note)
    return app.return_code or 0


def build_app(
    scenes: Path | None, saves: Path | None, dev: bool = False, seed: int | None = None
) -> HyosanApp:
    """The app `run_app` runs: the title drawn from the manifest's header and the story
    opened behind it; the story loaded first in dev mode or when the header cannot be read."""
    root = scenes if scenes is not None else default_story_dir()
    header = None if dev else read_header(root)
    if header is None:
        return _loaded_first(root, saves, dev, seed)
    return HyosanApp(None, None, seed=seed, opening=Opening(root, saves, header))


def _loaded_first(root: Path, saves: Path | None, dev: bool, seed: int | None) -> HyosanApp:
    """The story loaded before the app starts: in dev mode, and when the manifest's header
    cannot be read (the loader then says what is wrong, on the error screen)."""
    folder = side.SaveFolder(side.default_save_dir(saves))
    try:
        # Dev mode always checks the files afresh; play opens the compiled cache.
        story = side.load_story(root) if dev else side.open_story(root)
    except side.StoryError as e:
        return HyosanApp(None, folder, story_error=e, dev=dev, story_root=root, seed=seed)
    return HyosanApp(story, folder, dev=dev, seed=seed)
