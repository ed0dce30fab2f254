"""`hyosan play --dev`: live reload of the story folder and the dev tools' pickers.

A timer polls the folder; a thread worker checks for edits and reloads the story, and hands
the result back to the app with `call_from_thread`, so the UI never waits on the files. The
dev tools change the game through `game.engine.debug`; this module only asks what to change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

from textual.app import App
from textual.command import CommandListItem

from game.engine import Game, GameError, StatView, debug
from game.session import PlaySession, sentence
from game.story import Story, StoryError, load_story
from game.story.diagnostics import summary
from game.tui.diagnostics import shown
from game.tui.screens.error import ErrorScreen
from game.tui.screens.stat_value import StatValueScreen
from game.tui.screens.state import StateScreen
from game.tui.story_watch import StoryWatcher

POLL_SECONDS = 0.5
Change = Callable[[Game], str]
Reload = Story | StoryError | Exception


class DevHost(Protocol):
    """What dev mode needs of the app (the app is not imported here: it imports this)."""

    session: PlaySession | None

    def replace_story(self, story: Story) -> bool: ...

    def after_dev_change(self, note: str) -> None: ...


class DevMode:
    """The dev side of one app: its watcher, the diagnostics shown, and the commands."""

    def __init__(
        self, app: App[None], host: DevHost, root: Path, interval: float = POLL_SECONDS
    ) -> None:
        self.app = app
        self.host = host
        """The same object as `app`, seen as what dev mode asks of it."""
        self.root = root
        self.interval = interval
        self.problems: ErrorScreen | None = None
        self._watcher: StoryWatcher | None = None
        self._busy = False

    # ---------------------------------------------------------------- live reload

    def start(self) -> None:
        self._watcher = StoryWatcher(self.root)
        self.app.set_interval(self.interval, self._poll, name="dev-watch")

    def _poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.app.run_worker(
            partial(self._check, False), thread=True, group="dev-reload", exit_on_error=False
        )

    def reload_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.app.run_worker(
            partial(self._check, True), thread=True, group="dev-reload", exit_on_error=False
        )

    def _check(self, force: bool) -> None:
        """In a worker thread: reload when a file changed; report back on the UI thread."""
        result: Reload | None = None
        try:
            watcher = self._watcher
            if force or (watcher is not None and watcher.changed()):
                result = load_story(self.root)
        except StoryError as e:
            result = e
        except Exception as e:  # a loader bug must not end the author's session
            result = e
        with contextlib.suppress(RuntimeError):  # the app may have exited meanwhile
            self.app.call_from_thread(self._done, result)

    def _done(self, result: Reload | None) -> None:
        self._busy = False
        if isinstance(result, Story):
            self._reloaded(result)
        elif isinstance(result, StoryError):
            self._show_problems(result)
        elif result is not None:
            self.app.notify(
                f"Reloading failed: {result!r}", severity="error", timeout=10, markup=False
            )

    def _reloaded(self, story: Story) -> None:
        self._close_problems()  # first: the app may open the title screen above it
        if not self.host.replace_story(story):
            return
        warnings = f" ({summary(list(story.warnings))})" if story.warnings else ""
        self.app.notify(f"Story reloaded{warnings}.", title="Dev")

    def _show_problems(self, error: StoryError) -> None:
        self._close_problems()
        self.problems = ErrorScreen(
            "The edited story does not check",
            f"Still playing the last good version ({summary(error.diagnostics)}). "
            "Fix the files and save: the story reloads by itself.",
            [shown(d) for d in error.diagnostics],
            button="Keep playing",
        )
        self.app.push_screen(self.problems)

    def _close_problems(self) -> None:
        problems, self.problems = self.problems, None
        if problems is not None and self.app.screen is problems:
            self.app.pop_screen()

    # ---------------------------------------------------------------- dev tools

    def run(self, command: str) -> None:
        """A dev command from the palette, by its short name (see `DEV_COMMANDS`)."""
        if command == "reload":
            self.app.notify("Reloading the story…", title="Dev")
            self.reload_now()
            return
        game = self._game()
        if game is None:
            return
        if command == "jump":
            self._pick(
                [
                    (f"{sid} · {scene.title}", self._later(debug.jump, scene_id=sid))
                    for sid, scene in sorted(game.story.scenes.items())
                ],
                "Jump to which scene?",
            )
        elif command == "give":
            self._pick(
                [
                    (f"{iid} · {plan.name}", self._later(debug.give, item_id=iid))
                    for iid, plan in sorted(game.story.items.items())
                ],
                "Give which item?",
            )
        elif command == "take":
            self._pick(
                [
                    (
                        f"{item.id} · {item.name} ×{item.count}",
                        self._later(debug.take, item_id=item.id),
                    )
                    for item in game.inventory
                ],
                "Take which item?",
                empty="The player carries nothing.",
            )
        elif command == "flag":
            self._pick(self._flag_commands(game), "Set which flag?", empty="No flags declared.")
        elif command == "stat":
            self._pick(
                [
                    (f"{s.id} · {s.name} = {s.value}", partial(self._ask_stat, s))
                    for s in all_stats(game)
                ],
                "Set which stat?",
                empty="No stats declared.",
            )
        elif command == "infect":
            self.apply(debug.infect)
        elif command == "cure":
            self.apply(debug.cure)
        elif command == "hybrid":
            self.apply(debug.turn_hybrid)
        elif command == "state":
            self.app.push_screen(StateScreen(debug.state_json(game)))

    def _flag_commands(self, game: Game) -> list[CommandListItem]:
        out: list[CommandListItem] = []
        for flag, description in sorted(game.story.flags.items()):
            now = game.state.flags.get(flag, False)
            out.append(
                (
                    f"{flag}: {str(now).lower()} → {str(not now).lower()}",
                    self._later(debug.set_flag, flag=flag, value=not now),
                    description or None,
                )
            )
        return out

    def _ask_stat(self, stat: StatView) -> None:
        def answered(value: int | None) -> None:
            if value is not None:
                self.apply(partial(debug.set_stat, stat_id=stat.id, value=value))

        self.app.push_screen(StatValueScreen(stat), answered)

    def _pick(self, commands: list[CommandListItem], prompt: str, empty: str = "") -> None:
        if not commands:
            self.app.notify(empty, title="Dev")
            return
        self.app.search_commands(commands, placeholder=prompt)

    def _later(self, change: Callable[..., str], **args: object) -> Callable[[], None]:
        """A palette entry's callback: apply `change` with these arguments when picked."""
        return partial(self.apply, partial(change, **args))

    def _game(self) -> Game | None:
        session = self.host.session
        if session is None or session.game is None:
            self.app.notify("Start or load a game first.", title="Dev")
            return None
        return session.game

    def apply(self, change: Change) -> None:
        """Make one change to the game in play, then save and show it as after a choice."""
        game = self._game()
        if game is None:
            return
        try:
            note = change(game)
        except GameError as e:
            self.app.notify(sentence(str(e)), title="Dev", severity="warning")
            return
        self.host.after_dev_change(note)


def all_stats(game: Game) -> list[StatView]:
    """Every stat of the story, the hidden ones too."""
    stats = game.state.stats
    return [
        StatView(sid, st.name, stats.get(sid, st.start), st.min, st.max)
        for sid, st in ((sid, sp.stat) for sid, sp in game.story.stats.items())
    ]
