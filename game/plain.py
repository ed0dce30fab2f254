"""Plain mode: the story as numbered lines on stdin/stdout.

For screen readers, pipes and scripted walkthroughs: no colours, no cursor movement, one
prompt a turn. The first input line is the player's name (blank for the story's default);
after that each line is a choice number or a command (`help` lists them).
"""

from __future__ import annotations

import secrets
import sys
import time
from pathlib import Path
from typing import TextIO

from game.engine import Game, GameError, ItemView
from game.saves import AUTOSAVE, SaveError, SaveFolder, default_save_dir
from game.story import Story, StoryError
from game.story.text import plain
from game.storycache import open_story

HELP = (
    "Type a choice number, or: inventory (i), use ITEM [N], look (l), save SLOT, load SLOT, "
    "saves, undo, help, quit."
)


class PlainSession:
    """One game in plain mode: reads commands, acts through `Game`, writes what happened."""

    def __init__(
        self,
        story: Story,
        folder: SaveFolder,
        stdin: TextIO,
        stdout: TextIO,
        seed: int | None = None,
    ) -> None:
        self.story = story
        self.seed = seed
        self.folder = folder
        self.stdin = stdin
        self.out = stdout
        self.echo = not _is_tty(stdin)
        self.game = Game.new(story, None, self._new_seed())
        self.played_before = 0.0
        self.started = time.monotonic()

    def _new_seed(self) -> int:
        """The fixed seed when one was given (replays), else a fresh one per game."""
        return self.seed if self.seed is not None else secrets.randbits(32)

    # ---------------------------------------------------------------- output

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def show_scene(self) -> None:
        g = self.game
        self.say()
        self.say(f"== {g.title} ==")
        status = [f"{s.name} {s.value}/{s.max}" for s in g.status]
        stage = [g.stage_label] if g.stage_label else []
        self.say(" · ".join([*status, *stage]))
        self.say()
        self.say(plain(g.text).strip())
        self.show_events()
        self.show_choices()

    def show_events(self) -> None:
        if self.game.events:
            self.say()
            for e in self.game.events:
                self.say(f"* {e.text}")

    def show_choices(self) -> None:
        if self.game.ended is not None:
            return
        self.say()
        for n, c in enumerate(self.game.choices, start=1):
            closed = "" if c.open else f"(closed: {c.reason or 'not now'}) "
            self.say(f"{n}. {closed}{plain(c.text)}")

    def read(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
        line = line.rstrip("\r\n")
        if self.echo:
            self.say(line)
        return line

    # ---------------------------------------------------------------- the loop

    def run(self) -> int:
        self.say(self.story.title)
        if self.story.info.intro:
            self.say(plain(self.story.info.intro).strip())
        name = self.read(f"What is your name? (Enter for {self.story.info.default_player}) ")
        self.game = Game.new(self.story, name or None, self._new_seed())
        self.started = time.monotonic()
        self.say("Type a number to choose, or help for commands.")
        self.show_scene()
        while self.game.ended is None:
            line = self.read("> ")
            if line is None:
                return 0
            if not self.handle(line.strip()):
                return 0
        self.finish()
        return 0

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
            return False
        else:
            self.say(f"I don't know '{line[:40]}'. {HELP}")
        return True

    def finish(self) -> None:
        ended = self.game.ended
        assert ended is not None
        self.folder.record_ending(self.story.id, ended.id)
        reached = self.folder.endings_reached(self.story.id)
        endings = self.story.endings
        names = [title for eid, title in endings.items() if eid in reached]
        self.say()
        self.say(f"The end: {ended.title}.")
        self.say(f"Endings reached: {len(names)} of {len(endings)}: {', '.join(names)}.")

    # ---------------------------------------------------------------- commands

    def choose(self, number: int) -> None:
        try:
            self.game.choose(number - 1)
        except GameError as e:
            self.say(f"You can't: {e}.")
            return
        self.autosave()
        self.show_scene()

    def use(self, rest: str) -> None:
        if not rest:
            self.say("Use what? Type use and an item, e.g. use chocolate.")
            return
        action: int | None = None
        words = rest.split()
        if len(words) > 1 and words[-1].isdigit():
            action = int(words[-1])
            rest = " ".join(words[:-1])
        item = self.find_item(rest)
        if item is None:
            self.say(f"You are not carrying '{rest}'. Type inventory to see what you have.")
            return
        if not item.actions:
            self.say(f"There is nothing to do with the {item.name}.")
            return
        if action is None:
            if len(item.actions) > 1:
                self.say(f"What do you do with the {item.name}?")
                for n, a in enumerate(item.actions, start=1):
                    self.say(f"  use {item.id} {n}: {a.text}")
                return
            action = 1
        if not 1 <= action <= len(item.actions):
            self.say(f"The {item.name} has actions 1 to {len(item.actions)}.")
            return
        log_size = len(self.game.state.log)
        try:
            self.game.use_item(item.id, action - 1)
        except GameError as e:
            self.say(f"You can't: {e}.")
            return
        self.autosave()
        if len(self.game.state.log) != log_size:
            self.show_scene()
        else:
            self.show_events()
            self.show_choices()

    def find_item(self, text: str) -> ItemView | None:
        wanted = text.strip().lower()
        for item in self.game.inventory:
            if wanted in (item.id.lower(), item.name.lower()):
                return item
        return None

    def show_inventory(self) -> None:
        items = self.game.inventory
        if not items:
            self.say("You carry nothing.")
            return
        self.say("You carry:")
        for item in items:
            count = f" ×{item.count}" if item.count > 1 else ""
            self.say(f"- {item.name}{count}: {item.description}".rstrip(": "))
            for n, a in enumerate(item.actions, start=1):
                closed = "" if a.open else f" (closed: {a.reason or 'not now'})"
                self.say(
                    f"    use {item.id}{' ' + str(n) if len(item.actions) > 1 else ''}: "
                    f"{a.text}{closed}"
                )

    def play_seconds(self) -> float:
        return self.played_before + time.monotonic() - self.started

    def autosave(self) -> None:
        try:
            self.folder.save(AUTOSAVE, self.game, self.play_seconds())
        except SaveError as e:
            self.say(f"(Autosave failed. {e})")

    def save(self, slot: str) -> None:
        if not slot:
            self.say("Save where? Type save and a slot name, e.g. save before roof.")
            return
        try:
            info = self.folder.save(slot, self.game, self.play_seconds())
        except SaveError as e:
            self.say(str(e))
            return
        self.say(f"Saved to slot '{info.name}'.")

    def load(self, slot: str) -> None:
        if not slot:
            self.say("Load what? Type load and a slot name; saves lists them.")
            return
        try:
            loaded = self.folder.load(slot, self.story)
        except SaveError as e:
            self.say(str(e))
            return
        self.game = Game(self.story, loaded.state)
        self.played_before = loaded.play_seconds
        self.started = time.monotonic()
        self.say(f"Loaded slot '{slot.strip()}'.")
        for note in loaded.notes:
            self.say(f"Note: {note}")
        self.show_scene()

    def list_saves(self) -> None:
        slots = self.folder.slots()
        if not slots:
            self.say(f"No saves yet in {self.folder.path}.")
            return
        for s in slots:
            if s.problem is not None:
                self.say(f"- {s.name}: cannot be read ({s.problem})")
                continue
            when = s.updated.astimezone().strftime("%Y-%m-%d %H:%M")
            minutes = int(s.play_seconds // 60)
            self.say(f"- {s.name}: {s.scene_title}, turn {s.turn}, {minutes} min played, {when}")

    def undo(self) -> None:
        if not self.game.undo():
            self.say("There is nothing to undo.")
            return
        self.say("Undone.")
        self.show_scene()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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
    return PlainSession(story, folder, stdin, stdout, seed).run()
