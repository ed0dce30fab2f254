"""The play session: one game being played, and the policy every front end shares.

Starting or continuing a game, choosing, using items, undoing, the autosave after every
step, save and load slots, the quicksave of this game, the endings and choices recorded
across games, and the play time all live here, once. The TUI, plain mode and the browser
(which runs the TUI) drive a `PlaySession` and only draw what it returns and read keys, so
they cannot drift apart in what they do with a game.

No Textual, no printing: errors are `SessionError`s whose text is a sentence for the player,
and a step returns a `Step` saying what to announce. The clock is injected so tests and
snapshots can freeze play time.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from game.endings_found import EndingsFound
from game.engine import Event, Game, GameError
from game.engine.state import GameState
from game.printable import one_line
from game.saves import AUTOSAVE, QUICKSAVE, SaveError, SaveFolder, SlotInfo, slot_name
from game.seen import SeenChoices
from game.story.story import Story

Clock = Callable[[], float]

ALERT_KINDS = frozenset({"bitten", "hybrid", "zombie"})
"""Events that change what the player is: worth a notice of their own, not only a log line."""

SPECIAL_NAMES = {AUTOSAVE: "Autosave", QUICKSAVE: "Quicksave"}
"""How the slots the game keeps itself are named to the player."""


class SessionError(Exception):
    """A request refused (a closed choice, a save that will not load); `str(e)` is one
    sentence for the player, and the game goes on."""


class NotThisGame(SessionError):
    """The quicksave is missing or of another game: nothing is wrong with any file."""


def sentence(text: str) -> str:
    """`text` as one sentence: a capital first letter and exactly one full stop."""
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    if text.endswith(("!", "?", "…")):
        return text
    return text.rstrip(".") + "."


def format_play_time(seconds: float) -> str:
    """`1:02:03` or `2:03`: hours only when there are any."""
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def slot_title(slot: str) -> str:
    return SPECIAL_NAMES.get(slot, slot)


@dataclass(frozen=True, slots=True)
class Step:
    """What one step did, for the front end to show.

    `events` leaves the ending out (the ending is shown by itself); `save_error` is the
    autosave's failure, said in words, or None; `new_scene` is False when the player stayed
    on the same scene (an item used in place).
    """

    events: tuple[Event, ...] = ()
    save_error: str | None = None
    new_scene: bool = True

    @property
    def alerts(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind in ALERT_KINDS)


@dataclass(frozen=True, slots=True)
class GameInProgress:
    """A game that starting a new one would replace: what to tell the player about it."""

    player: str
    scene_title: str
    turn: int
    play_seconds: float

    def describe(self) -> str:
        return (
            f"{one_line(self.player)} at {one_line(self.scene_title)}, turn {self.turn}, "
            f"{format_play_time(self.play_seconds)} played"
        )


def same_game(a: GameState, b: GameState) -> bool:
    """Whether two states are the same game (at any point): same story, player and seed.
    New games get a fresh random seed, so two games share one only under `--seed`."""
    return (a.story_id, a.player, a.seed) == (b.story_id, b.player, b.seed)


class PlaySession:
    """The game in play (`game`, None before one starts) over one story and save folder."""

    def __init__(
        self,
        story: Story,
        folder: SaveFolder,
        *,
        clock: Clock = time.monotonic,
        seed: int | None = None,
    ) -> None:
        self.story = story
        self.folder = folder
        self.clock = clock
        self.seed = seed
        self.seen = SeenChoices(folder.path)
        self.game: Game | None = None
        self._base_seconds = 0.0
        self._since = clock()
        self._saved_seconds = 0.0
        self.unsaved = False
        """Progress that no save holds yet: a new game, or a step whose autosave failed."""

    # ---------------------------------------------------------------- reading

    @property
    def name_prompt(self) -> str:
        """The story's own question for the player's name."""
        return one_line(self.story.info.name_prompt)

    @property
    def ask_name(self) -> bool:
        """Whether a new game asks the player's name (stories may turn it off)."""
        return self.story.info.ask_name

    @property
    def default_player(self) -> str:
        return self.story.info.default_player

    @property
    def play_seconds(self) -> float:
        return self._base_seconds + max(0.0, self.clock() - self._since)

    @property
    def needs_save(self) -> bool:
        """Quitting now would lose something: progress, or a second or more of play time."""
        if self.game is None:
            return False
        return self.unsaved or self.play_seconds - self._saved_seconds >= 1.0

    def continue_slot(self) -> SlotInfo | None:
        """The newest save of this story that can be loaded: what Continue resumes."""
        return next(
            (s for s in self.folder.slots() if s.problem is None and s.story_id == self.story.id),
            None,
        )

    def endings_reached(self) -> set[str]:
        """Ending ids reached in any game of this story, this game's included."""
        reached = self.folder.endings_reached(self.story.id)
        if self.game is not None and self.game.ended is not None:
            reached.add(self.game.ended.id)
        return reached

    def seen_choices(self) -> tuple[bool, ...]:
        """For each of `game.choices`: whether it was taken in any game so far."""
        game = self._need_game()
        taken = self.seen.taken(self.story.id, game.state.scene)
        return tuple(c.text in taken for c in game.choices)

    def in_progress(self) -> GameInProgress | None:
        """The game a new game would replace, when it has progress worth keeping: not ended,
        and at least one step in. Read from the autosave when no game is loaded yet."""
        game = self.game
        if game is not None:
            if game.ended is not None or game.state.turn == 0:
                return None
            s = game.state
            return GameInProgress(s.player, game.title, s.turn, self.play_seconds)
        slot = next((s for s in self.folder.slots() if s.name == AUTOSAVE), None)
        if slot is None or slot.problem is not None or slot.story_id != self.story.id:
            return None
        if slot.turn == 0:
            return None
        try:
            loaded = self.folder.load(AUTOSAVE, self.story)
        except SaveError:
            return None
        if loaded.state.ending is not None:
            return None
        return GameInProgress(loaded.state.player, slot.scene_title, slot.turn, loaded.play_seconds)

    def saved_note(self) -> str:
        """What to tell a player who quits: where the game was saved, and how to resume."""
        game = self.game
        if game is None:
            return ""
        if self.needs_save:
            return "Your progress since the last save could not be saved."
        where = one_line(game.title)
        return (
            f"Game saved: {one_line(game.state.player)} at {where}, "
            f"{format_play_time(self.play_seconds)} played. Continue picks it up."
        )

    # ---------------------------------------------------------------- starting

    def new_game(self, player: str | None = None) -> Step:
        """Start a new game. The autosave is replaced at its first step: ask the player first
        when `in_progress()` says there is a game to lose (or `keep_in_progress()`)."""
        name = one_line(player or "")[:40].strip()
        seed = self.seed if self.seed is not None else secrets.randbits(32)
        self.game = Game.new(self.story, name or None, seed)
        self._reset_clock(0.0)
        self.unsaved = True
        return Step(_shown(self.game.events))

    def keep_in_progress(self) -> str:
        """Keep the game in progress as a save slot of its own; returns the slot's name."""
        if self.game is not None:
            game, seconds = self.game, self.play_seconds
        else:
            try:
                loaded = self.folder.load(AUTOSAVE, self.story)
            except SaveError as e:
                raise SessionError(str(e)) from None
            game, seconds = Game(self.story, loaded.state), loaded.play_seconds
        name = self._free_slot(game.state.player, game.state.turn)
        try:
            self.folder.save(name, game, seconds)
        except (SaveError, ValueError) as e:
            raise SessionError(_save_problem(e)) from None
        return name

    def _free_slot(self, player: str, turn: int) -> str:
        base = re.sub(r"[^\w .\-]", "", player).strip(" .-")[:40] or "Game"
        for n in range(1, 1000):
            wanted = f"{base} turn {turn}" + (f" {n}" if n > 1 else "")
            try:
                name = slot_name(wanted)
            except SaveError:
                base = "Game"
                continue
            if not self.folder.exists(name):
                return name
        return slot_name(f"Game {secrets.token_hex(4)}")

    def continue_game(self) -> list[str]:
        """Resume the newest save; returns the notes to show (repairs, backup used)."""
        slot = self.continue_slot()
        if slot is None:
            raise SessionError("There is no save to continue yet.")
        return self.load(slot.name)

    def load(self, slot: str) -> list[str]:
        """Load `slot` in place of the game in play (which is autosaved first when it has
        unsaved progress); returns the notes to show."""
        if slot != AUTOSAVE:
            self.autosave_if_needed()
        try:
            loaded = self.folder.load(slot, self.story)
            game = Game(self.story, loaded.state)
        except (SaveError, KeyError) as e:
            raise SessionError(str(e)) from None
        self.game = game
        self._reset_clock(loaded.play_seconds)
        self._mark_saved()
        return list(loaded.notes)

    def quickload(self) -> list[str]:
        """Load the quicksave, if it is of the game in play (or no game is in play)."""
        if not self.folder.exists(QUICKSAVE):
            raise NotThisGame("There is no quicksave yet: quicksave first.")
        if self.game is not None:
            try:
                state = self.folder.load(QUICKSAVE, self.story).state
            except SaveError as e:
                raise SessionError(str(e)) from None
            if not same_game(state, self.game.state):
                raise NotThisGame(
                    "The quicksave belongs to another game "
                    f"({one_line(state.player)}); quicksave this one first."
                )
        return self.load(QUICKSAVE)

    # ---------------------------------------------------------------- playing

    def choose(self, index: int) -> Step:
        """Take choice `index` (0-based, of `game.choices`)."""
        game = self._need_game()
        scene = game.state.scene
        choices = game.choices
        log_size = len(game.state.log)
        try:
            events = game.choose(index)
        except GameError as e:
            raise SessionError(sentence(str(e))) from None
        self.seen.record(self.story.id, scene, choices[index].text)
        return self._after(events, log_size)

    def use(self, item_id: str, action: int = 0) -> Step:
        """Use an item by one of its actions (0-based)."""
        game = self._need_game()
        log_size = len(game.state.log)
        try:
            events = game.use_item(item_id, action)
        except GameError as e:
            raise SessionError(sentence(str(e))) from None
        return self._after(events, log_size)

    def undo(self) -> Step | None:
        """Go back one step (and autosave there); None when there is nothing to undo."""
        game = self._need_game()
        if not game.undo():
            return None
        return self._after([], -1)

    def after_outside_change(self) -> Step:
        """Save and report a change made outside the rules (the dev tools): no ending counts
        as reached."""
        game = self._need_game()
        return self._after(game.events, -1, record=False)

    def swap_story(self, story: Story) -> None:
        """Keep playing the same state under a reloaded story (dev mode)."""
        self.story = story
        if self.game is not None:
            self.game = Game(story, self.game.state)

    def _after(self, events: list[Event], log_size: int, record: bool = True) -> Step:
        """Record an ending, autosave, and say what happened."""
        game = self._need_game()
        self.unsaved = True
        if record and game.ended is not None:
            self.folder.record_ending(self.story.id, game.ended.id)
            found = EndingsFound(self.folder.path)  # when and as whom, for the gallery
            found.record(self.story.id, game.ended.id, game.state.player, datetime.now(UTC))
        error = self.autosave()
        return Step(_shown(events), error, len(game.state.log) != log_size)

    def _need_game(self) -> Game:
        if self.game is None:
            raise SessionError("No game in progress: start a new one or load a save.")
        return self.game

    # ---------------------------------------------------------------- saving

    def save(self, slot: str) -> SlotInfo:
        """Save the game in play to `slot`."""
        game = self._need_game()
        try:
            info = self.folder.save(slot, game, self.play_seconds)
        except (SaveError, ValueError) as e:
            raise SessionError(_save_problem(e)) from None
        self._mark_saved()
        return info

    def quicksave(self) -> SlotInfo:
        return self.save(QUICKSAVE)

    def autosave(self) -> str | None:
        """Save to the autosave slot; the failure in words, or None when it worked."""
        try:
            self.save(AUTOSAVE)
        except SessionError as e:
            return str(e)
        return None

    def autosave_if_needed(self) -> str | None:
        """Before the game in play is left: the autosave's failure, or None when nothing
        would be lost."""
        if not self.needs_save:
            return None
        return self.autosave()

    def _mark_saved(self) -> None:
        self.unsaved = False
        self._saved_seconds = self.play_seconds

    def _reset_clock(self, seconds: float) -> None:
        self._base_seconds = seconds
        self._since = self.clock()
        self._saved_seconds = seconds


def _shown(events: list[Event]) -> tuple[Event, ...]:
    return tuple(e for e in events if e.kind != "ending")


def _save_problem(e: Exception) -> str:
    """A save failure in words; a value the save format refuses is a failure too, never a
    traceback (a game played past the format's bounds)."""
    if isinstance(e, SaveError):
        return str(e)
    first = str(e).splitlines()[0] if str(e) else type(e).__name__
    return f"Could not save: the game does not fit the save format ({first})."
