"""The Textual app: holds the story, the save folder and the game in play, and turns the
player's intents (keys, clicks, commands) into calls on the engine's `Game`.

Screens get what they show when they are made and post what the player wants upward; the app
asks the engine, saves, and pushes a new view down. Errors in play are shown, never raised.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from game.engine import debug
from game.engine.game import Event, Game, GameError
from game.saves import AUTOSAVE, QUICKSAVE, SaveError, SaveFolder, default_save_dir
from game.story import Story, StoryError, default_story_dir, load_story
from game.story.diagnostics import Diagnostic, summary
from game.storycache import open_story
from game.tui.commands import DevCommands, GameCommands
from game.tui.dev import POLL_SECONDS, DevMode
from game.tui.keys import APP_KEYS
from game.tui.player_screens import PlayerScreens
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.error import ErrorScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.history import HistoryScreen
from game.tui.screens.inventory import InventoryScreen, ItemUse
from game.tui.screens.load import LoadScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.save import SaveScreen
from game.tui.screens.title import TitleScreen
from game.tui.session import Clock, Session
from game.tui.view import log_views, play_view
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.slot_list import SPECIAL_NAMES, continue_slot

SERIOUS_EVENTS = {"bitten": "Bitten!", "hybrid": "Hybrid", "zombie": "Turned", "hunger": "Hunger"}
"""Events announced as warnings, with the toast's title."""


def shown(d: Diagnostic) -> str:
    """A diagnostic with its path relative to the working folder when it is inside it."""
    try:
        path = d.path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        path = d.path
    return f"{path}:{d.line}:{d.col}: {d.severity}: {d.message}"


class HyosanApp(PlayerScreens):
    CSS_PATH = "hyosan.tcss"
    TITLE = "Hyosan"
    BINDINGS = APP_KEYS
    COMMANDS = App.COMMANDS | {GameCommands, DevCommands}
    NOTIFICATION_TIMEOUT = 4

    def __init__(
        self,
        story: Story | None,
        folder: SaveFolder,
        *,
        story_error: StoryError | None = None,
        clock: Clock = time.monotonic,
        seed: int | None = None,
        dev: bool = False,
        story_root: Path | None = None,
        watch_seconds: float = POLL_SECONDS,
        config_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.init_settings(config_dir)
        self.story = story
        self.folder = folder
        self.story_error = story_error
        self.clock = clock
        self.seed = seed
        self.dev = dev
        self.session: Session | None = None
        self._story_error_screen: ErrorScreen | None = None
        root = story.root if story is not None else story_root
        self.dev_mode = DevMode(self, root, watch_seconds) if dev and root is not None else None

    # ---------------------------------------------------------------- screens

    def on_mount(self) -> None:
        if self.dev_mode is not None:
            self.sub_title = "DEV"
            self.dev_mode.start()
            self.notify(
                f"Watching {self.dev_mode.root} for edits. Ctrl+p lists the dev commands.",
                title="Dev mode",
                markup=False,
            )
        if self.story is None:
            self._show_story_error()
            return
        self.title = self.story.title
        self.push_screen(self._title_screen())

    def _title_screen(self) -> TitleScreen:
        assert self.story is not None
        return TitleScreen(self.story.title, self.story.info.intro, self.folder, self.story.id)

    def _show_story_error(self) -> None:
        error = self.story_error
        lines = [shown(d) for d in error.diagnostics] if error else ["No story was given."]
        where = f" ({summary(error.diagnostics)})" if error else ""
        again = "save: the story reloads by itself" if self.dev_mode else "start again"
        self._story_error_screen = ErrorScreen(
            "The story could not be loaded",
            f"Fix these problems in the scene files and {again}{where}. "
            "`hyosan check` lists them too.",
            lines,
            button="Quit",
        )
        self.push_screen(self._story_error_screen, lambda _: self.exit(return_code=1))

    def _replace_screens(self, screen: Screen[None]) -> None:
        """Make `screen` the one full screen: dialogs and screens above it are closed."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def _show_game(self) -> None:
        """Show the game in play: its ending when it has ended, else the play screen."""
        session, story = self.session, self.story
        if session is None or story is None:
            return
        game = session.game
        if game.ended is not None:
            reached = self.folder.endings_reached(story.id) | {game.ended.id}
            self._replace_screens(EndingScreen(game.ended, game.text, story.endings, reached))
            return
        view = play_view(game)
        for screen in self.screen_stack:
            if isinstance(screen, PlayScreen):
                screen.view = view
                return
        self._replace_screens(PlayScreen(view, dev=self.dev, measure=self.settings.story_width))

    def _need_game(self) -> Session | None:
        if self.session is None:
            self.notify("No game in progress: start a new one or load a save.")
        return self.session

    # ---------------------------------------------------------------- starting

    def action_new_game(self) -> None:
        if self.story is None:
            return
        self.push_screen(NameScreen(self.story.info.default_player), self.start_game)

    def start_game(self, player: str | None) -> None:
        if player is None or self.story is None:
            return
        self._autosave_if_needed()
        seed = self.seed if self.seed is not None else secrets.randbits(32)
        self.session = Session(Game.new(self.story, player, seed), 0.0, self.clock)
        self._show_game()

    def action_continue_game(self) -> None:
        if self.story is None:
            return
        slot = continue_slot(self.folder, self.story.id)
        if slot is None:
            self.notify("There is no save to continue yet.")
            return
        self.load_slot(slot.name)

    # ---------------------------------------------------------------- playing

    def on_choice_list_chosen(self, message: ChoiceList.Chosen) -> None:
        self.action_choose(message.index + 1)

    def action_choose(self, number: int) -> None:
        session = self._need_game()
        if session is None:
            return
        choices = session.game.choices
        if 1 <= number <= len(choices) and not choices[number - 1].open:
            reason = choices[number - 1].reason or "it is closed"
            self.notify(f"You cannot do that: {reason}.", severity="warning")
            return
        try:
            events = session.game.choose(number - 1)
        except GameError as e:
            self.notify(str(e).capitalize() + ".", severity="warning")
            return
        self._after_step(session, list(events))

    def use_item(self, use: ItemUse | None) -> None:
        session = self.session
        if use is None or session is None:
            return
        try:
            events = session.game.use_item(*use)
        except GameError as e:
            self.notify(str(e).capitalize() + ".", severity="warning")
            return
        self._after_step(session, list(events))

    def action_undo(self) -> None:
        session = self._need_game()
        if session is None:
            return
        if not session.game.undo():
            self.notify("Nothing to undo.")
            return
        self._after_step(session, [])
        self.notify(f"Undone: back to {session.game.title}.")

    def _after_step(self, session: Session, events: list[Event]) -> None:
        """Record an ending, autosave, announce what happened, and show the new state."""
        session.mark_changed()
        game = session.game
        if game.ended is not None:
            self.folder.record_ending(game.story.id, game.ended.id)
            self.note_ending(game)
        self._save(AUTOSAVE, quiet=True)
        self._announce(events)
        self._show_game()

    def _announce(self, events: list[Event]) -> None:
        shown = [e for e in events if e.kind != "ending"]
        if not self.settings.notices:  # the player turned routine notices off
            shown = [e for e in shown if e.kind in SERIOUS_EVENTS]
        if not shown:
            return
        serious = [e for e in shown if e.kind in SERIOUS_EVENTS]
        self.notify(
            "\n".join(e.text for e in shown),
            title=SERIOUS_EVENTS[serious[0].kind] if serious else "",
            severity="warning" if serious else "information",
            markup=False,
            # The log shows every event too: a routine one must not sit over the text for long.
            timeout=5 if serious else 2.5,
        )

    def action_inventory(self) -> None:
        session = self._need_game()
        if session is None:
            return
        if session.game.ended is not None:
            self.notify("The story has ended.")
            return
        self.push_screen(InventoryScreen(tuple(session.game.inventory)), self.use_item)

    def action_history(self) -> None:
        session = self._need_game()
        if session is not None:
            self.push_screen(HistoryScreen(log_views(session.game)))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.story))

    # ---------------------------------------------------------------- saving

    def _save(self, slot: str, quiet: bool = False) -> bool:
        session = self.session
        if session is None:
            return False
        try:
            self.folder.save(slot, session.game, session.play_seconds)
        except SaveError as e:
            what = "Autosave failed" if slot == AUTOSAVE else "Could not save"
            self.notify(str(e), title=what, severity="error", timeout=8, markup=False)
            return False
        session.mark_saved()
        if not quiet:
            self.notify(f"Saved to “{SPECIAL_NAMES.get(slot, slot)}”.")
        return True

    def _autosave_if_needed(self) -> bool:
        """Before the game in play is left: True when nothing would be lost."""
        session = self.session
        if session is None or not session.needs_save:
            return True
        return self._save(AUTOSAVE, quiet=True)

    def action_save(self) -> None:
        session = self._need_game()
        if session is None or self.story is None:
            return
        suggested = f"{session.game.state.player} turn {session.game.state.turn}"
        self.push_screen(SaveScreen(self.folder, self.story.id, suggested), self.save_to)

    def save_to(self, slot: str | None) -> None:
        if slot is not None:
            self._save(slot)

    def action_quicksave(self) -> None:
        if self._need_game() is not None:
            self._save(QUICKSAVE)

    def action_load(self) -> None:
        if self.story is not None:
            self.push_screen(LoadScreen(self.folder, self.story.id), self.load_slot)

    def action_quickload(self) -> None:
        if not self.folder.exists(QUICKSAVE):
            self.notify("There is no quicksave yet: F5 makes one.")
            return
        self.load_slot(QUICKSAVE)

    def load_slot(self, slot: str | None) -> None:
        story = self.story
        if slot is None or story is None:
            return
        if slot != AUTOSAVE:
            self._autosave_if_needed()
        try:
            loaded = self.folder.load(slot, story)
            game = Game(story, loaded.state)
        except (SaveError, KeyError) as e:
            self.push_screen(ErrorScreen("This save cannot be loaded", str(e), [], button="Back"))
            return
        self.session = Session(game, loaded.play_seconds, self.clock)
        self.session.mark_saved()
        self._show_game()
        self.notify(f"Loaded “{SPECIAL_NAMES.get(slot, slot)}”: {game.title}.")
        for note in loaded.notes:
            self.notify(note, severity="warning", timeout=8, markup=False)

    # ---------------------------------------------------------------- dev mode and quitting

    def replace_story(self, story: Story) -> bool:
        """Swap in a reloaded story under the game in play (dev mode); the state carries over
        and the current scene is shown as the new files write it. False when refused."""
        session = self.session
        if session is not None and session.game.state.scene not in story.scenes:
            self.notify(
                f"The reloaded story has no scene '{session.game.state.scene}'; "
                "kept the old story.",
                severity="error",
            )
            return False
        first = self.story is None
        self.story = story
        self.title = story.title
        if first:  # the story did not load at start: leave its error for the title screen
            broken, self._story_error_screen = self._story_error_screen, None
            if broken is not None and self.screen is broken:
                self.pop_screen()
            self.push_screen(self._title_screen())
        if session is not None:
            session.swap_story(story)
            debug.rerender(session.game)
            self._show_game()
        return True

    def action_dev(self, command: str) -> None:
        """A dev command from the palette (dev mode only)."""
        if self.dev_mode is not None:
            self.dev_mode.run(command)

    def after_dev_change(self, note: str) -> None:
        """Save and show a change made by the dev tools; no ending counts as reached."""
        session = self.session
        if session is None:
            return
        session.mark_changed()
        self._save(AUTOSAVE, quiet=True)
        self.notify(note, title="Dev", markup=False)
        self._announce(list(session.game.events))
        self._show_game()

    async def action_quit(self, confirmed: bool = False) -> None:
        """Quit, autosaving first; ask when the player wants that, or when that save failed."""
        if not confirmed and self.quit_needs_asking():
            self.ask_to_quit()
            return
        if self._autosave_if_needed():
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Your progress could not be saved. Quit anyway and lose it?",
                "Quit anyway",
                "Keep playing",
            ),
            answered,
        )


def run_app(
    scenes: Path | None, saves: Path | None, dev: bool = False, seed: int | None = None
) -> int:
    """Play the story at `scenes` (default: the shipped one); returns the exit status.

    `seed` fixes the random outcomes of new games (for replays and bug reports).
    """
    folder = SaveFolder(default_save_dir(saves))
    root = scenes if scenes is not None else default_story_dir()
    try:
        # Dev mode always checks the files afresh; play opens the compiled cache.
        story = load_story(root) if dev else open_story(root)
    except StoryError as e:
        app = HyosanApp(None, folder, story_error=e, dev=dev, story_root=root, seed=seed)
    else:
        app = HyosanApp(story, folder, dev=dev, seed=seed)
    app.run()
    return app.return_code or 0
