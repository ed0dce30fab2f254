"""Plain mode: the story as numbered lines on stdin/stdout.

For screen readers, pipes and scripted walkthroughs: no colours, no cursor movement, one
prompt a turn, words wrapped to the terminal (80 columns when not a terminal). When there is
a game to resume the first question is Continue or New game; a new game asks the player's
name (blank for the story's default); after that each line is a choice number or a command
(`help` lists them). What the game does lives in `game.session`; this module only reads
lines and writes text.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from game.engine import Event, Game
from game.item_words import find_items
from game.printable import one_line, printable
from game.saves import SaveFolder, default_save_dir
from game.saves.errors import os_problem
from game.session import PlaySession, SessionError, Step, format_play_time
from game.story import Story, StoryError
from game.story.text import TextError, parse_markup
from game.storycache import open_story

HELP = (
    "Type a choice number, or: inventory (i), use ITEM [N], look (l), save SLOT, load SLOT, "
    "saves, undo, help, quit."
)
NAME_HELP = "Type the name you will be called in the story, or press Enter for {default}."
DEFAULT_WIDTH = 80


class Quit(Exception):
    """The input ended or the player quit: leave the loop."""


class PlainSession:
    """One run of plain mode: reads commands, drives a `PlaySession`, writes what happened."""

    def __init__(
        self,
        story: Story,
        folder: SaveFolder,
        stdin: TextIO,
        stdout: TextIO,
        seed: int | None = None,
        session: PlaySession | None = None,
    ) -> None:
        self.story = story
        self.session = session or PlaySession(story, folder, seed=seed)
        self.stdin = stdin
        self.out = stdout
        self.echo = not _is_tty(stdin)
        self.width = _width(stdout)

    # ---------------------------------------------------------------- output

    def say(self, text: str = "", indent: str = "") -> None:
        """Write `text` (made printable) wrapped to the width; later lines get `indent`."""
        lines = []
        for line in printable(text).split("\n"):
            if len(line) <= self.width:
                lines.append(line)
                continue
            lines.extend(
                textwrap.wrap(
                    line,
                    self.width,
                    subsequent_indent=indent,
                    break_on_hyphens=False,
                    break_long_words=False,
                    drop_whitespace=True,
                )
                or [""]
            )
        self.out.write("\n".join(lines) + "\n")

    @property
    def game(self) -> Game:
        """The game in play (there is one once `start` has returned True)."""
        game = self.session.game
        assert game is not None
        return game

    def show_scene(self) -> None:
        g = self.game
        self.say()
        self.say(f"== {one_line(g.title)} ==")
        status = [
            f"{one_line(s.name)} {s.value}" + (f"/{s.max}" if s.bounded else "") for s in g.status
        ]
        stage = [one_line(g.stage_label)] if g.stage_label else []
        self.say(" · ".join([*status, *stage]))
        self.say()
        self.say(plain(g.text).strip())
        self.show_events(g.events)
        self.show_choices()

    def show_events(self, events: Sequence[Event]) -> None:
        if events:
            self.say()
            for e in events:
                self.say(f"* {e.text}", indent="  ")

    def show_choices(self) -> None:
        if self.game.ended is not None:
            return
        self.say()
        for n, c in enumerate(self.game.choices, start=1):
            closed = "" if c.open else f"(closed: {c.reason or 'not now'}) "
            self.say(f"{n}. {closed}{plain(c.text)}", indent="   ")

    def read(self, prompt: str) -> str:
        """One line of input, without its line ending; raises Quit at the end of input."""
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.stdin.readline()
        except (OSError, ValueError):  # stdin closed or unreadable: as at the end of input
            line = ""
        if not line:
            self.say()
            raise Quit
        line = printable(line.rstrip("\r\n"))
        if self.echo:
            self.say(line)
        return line

    # ---------------------------------------------------------------- the loop

    def run(self) -> int:
        try:
            self.say(one_line(self.story.title))
            if self.story.info.intro:
                self.say(plain(self.story.info.intro).strip())
            if not self.start():
                return 0
            self.say("Type a number to choose, or help for commands.")
            self.show_scene()
            while self.game.ended is None:
                if not self.handle(self.read("> ").strip()):
                    break
            else:
                self.finish()
        except Quit:
            pass
        finally:
            self.session.autosave_if_needed()
        return 0

    def start(self) -> bool:
        """Continue the newest save or start a new game; False when the player left."""
        resume = self.session.continue_slot()
        if resume is not None:
            where = f"{one_line(resume.scene_title)}, {format_play_time(resume.play_seconds)}"
            self.say(f"1. Continue ({where} played)")
            self.say("2. New game")
            while True:
                answer = self.read("> ").strip().lower()
                if answer in ("", "1", "c", "continue"):
                    return self.continue_game()
                if answer in ("2", "n", "new", "new game"):
                    break
                if answer in ("q", "quit", "exit"):
                    return False
                self.say("Type 1 to continue or 2 for a new game.")
        return self.new_game()

    def continue_game(self) -> bool:
        try:
            notes = self.session.continue_game()
        except SessionError as e:
            self.say(str(e))
            return self.new_game()
        for note in notes:
            self.say(f"Note: {note}")
        return True

    def new_game(self) -> bool:
        progress = self.session.in_progress()
        if progress is not None:
            self.say(f"A game is in progress: {progress.describe()}.")
            answer = self.read("Keep it as a save of its own and start a new game? (y/n) ")
            if answer.strip().lower() not in ("y", "yes"):
                return self.continue_game()
            try:
                kept = self.session.keep_in_progress()
            except SessionError as e:
                self.say(f"{e} The game in progress is left as it is.")
                return self.continue_game()
            self.say(f"Kept as the save '{kept}'.")
        name = None
        if self.session.ask_name:
            default = one_line(self.session.default_player)
            while True:
                name = self.read(f"What is your name? (Enter for {default}) ")
                if name.strip().lower() not in ("help", "?"):
                    break
                self.say(NAME_HELP.format(default=default))
        self.session.new_game(name)
        return True

    def handle(self, line: str) -> bool:
        """Act on one input line; False to stop."""
        word, _, rest = line.partition(" ")
        word, rest = word.lower(), rest.strip()
        if not word:
            self.say(HELP)
        elif word.isdigit():
            self.choose(int(word))
        elif word in ("i", "inv", "inventory"):
            self.show_inventory()
        elif word == "use":
            self.use(rest)
        elif word in ("l", "look"):
            self.show_scene()
        elif word == "save":
            self.save(rest)
        elif word == "load":
            self.load(rest)
        elif word == "saves":
            self.list_saves()
        elif word == "undo":
            self.undo()
        elif word in ("help", "h", "?"):
            self.say(HELP)
        elif word in ("quit", "q", "exit"):
            error = self.session.autosave_if_needed()
            self.say(error or self.session.saved_note())
            return False
        else:
            self.say(f"I don't know '{line[:40]}'. {HELP}")
        return True

    def finish(self) -> None:
        ended = self.game.ended
        assert ended is not None
        reached = self.session.endings_reached()
        endings = self.story.endings
        names = [one_line(title) for eid, title in endings.items() if eid in reached]
        self.say()
        self.say(f"The end: {one_line(ended.title)}.")
        self.say(f"Endings reached: {len(names)} of {len(endings)}: {', '.join(names)}.")

    # ---------------------------------------------------------------- commands

    def after(self, step: Step) -> None:
        if step.save_error is not None:
            self.say(f"(Autosave failed. {step.save_error})")
        if step.new_scene:
            self.show_scene()
        else:
            self.show_events(step.events)
            self.show_choices()

    def choose(self, number: int) -> None:
        try:
            step = self.session.choose(number - 1)
        except SessionError as e:
            self.say(str(e))
            return
        self.after(step)

    def use(self, rest: str) -> None:
        if not rest:
            self.say("Use what? Type use and an item, e.g. use chocolate.")
            return
        action: int | None = None
        words = rest.split()
        if len(words) > 1 and words[-1].isdigit():
            action = int(words[-1])
            rest = " ".join(words[:-1])
        found = find_items(self.game.inventory, rest)
        if not found:
            self.say(f"You are not carrying '{rest}'. Type inventory to see what you have.")
            return
        if len(found) > 1:
            names = " or ".join(f"'{one_line(i.name)}'" for i in found)
            self.say(f"Which do you mean: {names}?")
            return
        item = found[0]
        name = one_line(item.name)
        if not item.actions:
            self.say(f"There is nothing to do with the {name}.")
            return
        if action is None:
            if len(item.actions) > 1:
                self.say(f"What do you do with the {name}?")
                for n, a in enumerate(item.actions, start=1):
                    self.say(f"  use {name.lower()} {n}: {plain(a.text)}", indent="    ")
                return
            action = 1
        if not 1 <= action <= len(item.actions):
            self.say(f"The {name} has actions 1 to {len(item.actions)}.")
            return
        try:
            step = self.session.use(item.id, action - 1)
        except SessionError as e:
            self.say(str(e))
            return
        self.after(step)

    def show_inventory(self) -> None:
        items = self.game.inventory
        if not items:
            self.say("You carry nothing.")
            return
        self.say("You carry:")
        for item in items:
            name = one_line(item.name)
            count = f" ×{item.count}" if item.count > 1 else ""
            self.say(f"- {name}{count}: {plain(item.description)}".rstrip(": "), indent="  ")
            for n, a in enumerate(item.actions, start=1):
                closed = "" if a.open else f" (closed: {a.reason or 'not now'})"
                number = f" {n}" if len(item.actions) > 1 else ""
                self.say(f"    use {name.lower()}{number}: {plain(a.text)}{closed}", "      ")

    def save(self, slot: str) -> None:
        if not slot:
            self.say("Save where? Type save and a slot name, e.g. save before roof.")
            return
        try:
            info = self.session.save(slot)
        except SessionError as e:
            self.say(str(e))
            return
        self.say(f"Saved to slot '{info.name}'.")

    def load(self, slot: str) -> None:
        if not slot:
            self.say("Load what? Type load and a slot name; saves lists them.")
            return
        try:
            notes = self.session.load(slot)
        except SessionError as e:
            self.say(str(e))
            return
        self.say(f"Loaded slot '{slot.strip()}'.")
        for note in notes:
            self.say(f"Note: {note}")
        self.show_scene()

    def list_saves(self) -> None:
        folder = self.session.folder
        slots = folder.slots()
        if not slots:
            self.say(f"No saves yet in {folder.path}.")
            return
        for s in slots:
            if s.problem is not None:
                self.say(f"- {s.name}: cannot be read ({s.problem})", indent="  ")
                continue
            when = s.updated.astimezone().strftime("%Y-%m-%d %H:%M")
            minutes = int(s.play_seconds // 60)
            self.say(
                f"- {s.name}: {one_line(s.scene_title)}, turn {s.turn}, {minutes} min played, "
                f"{when}",
                indent="  ",
            )

    def undo(self) -> None:
        if self.session.undo() is None:
            self.say("There is nothing to undo.")
            return
        self.say("Undone.")
        self.show_scene()


def plain(text: str) -> str:
    """Story text without its markup (a text the markup parser refuses is shown as it is)."""
    try:
        return "".join(chunk for chunk, _ in parse_markup(text))
    except TextError:
        return text


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(stream: TextIO) -> int:
    """The terminal's width when writing to one, else 80."""
    if not _is_tty(stream):
        return DEFAULT_WIDTH
    try:
        return max(20, os.get_terminal_size(stream.fileno()).columns)
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH


def run_plain(
    scenes: Path | None,
    saves: Path | None,
    stdin: TextIO,
    stdout: TextIO,
    seed: int | None = None,
) -> int:
    """Play the story in folder `scenes` (default: shipped) in plain mode; the exit status."""
    try:
        story = open_story(scenes)
    except StoryError as e:
        for d in e.diagnostics:
            print(d, file=sys.stderr)
        print(
            f"The story in {scenes or 'scenes/'} has errors; it cannot be played.", file=sys.stderr
        )
        return 1
    folder = SaveFolder(default_save_dir(saves))
    try:
        return PlainSession(story, folder, stdin, stdout, seed).run()
    except BrokenPipeError:  # the reader left (`| head`): the game was saved; not an error
        _silence(stdout)
        return 0
    except OSError as e:  # a full disk or a closed pipe under stdout
        _silence(stdout)
        print(f"hyosan: could not write the game's text: {os_problem(e)}.", file=sys.stderr)
        return 1


def _silence(stream: TextIO) -> None:
    """Point `stream`'s file at /dev/null, so the interpreter's last flush cannot fail."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
