"""Find a walkthrough to each ending of the campaign, and replay walkthrough files.

    python tests/campaign/find_paths.py [ENDING ...] [--seed N] [--tries N] [--write]

A walkthrough file (tests/campaign/walkthroughs/<ending_id>.txt) is:

    seed: 0
    # comments explain why
    Knock                       # a choice: the start of its text, as shown
    use serum_vial              # an item's (first) action

The game is `Game.new(story, "Tester", seed)`: every branch draw and bite roll comes from
that seed, so a file replays to the same ending for ever (until the scenes change).

The search plays the real `Game` with the file's seed and picks open choices (and now and
then an open item action) at random, many times, keeping the shortest run that reaches the
ending. Chance is never forced: a path it finds is a path a player with that seed can play.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from game.engine import Game, GameError  # noqa: E402
from game.engine.state import GameState  # noqa: E402
from game.story import Story, load_story  # noqa: E402
from game.story.text import plain  # noqa: E402

WALKTHROUGHS = Path(__file__).resolve().parent / "walkthroughs"
PLAYER = "Tester"
P_ITEM = 0.08
MAX_STEPS = 200


class WalkthroughError(ValueError):
    """A walkthrough file that is malformed or no longer fits the story."""


# ---------------------------------------------------------------- reading and replaying


@dataclass(frozen=True)
class Walkthrough:
    seed: int
    steps: tuple[str, ...]
    path: Path | None = None


def read_walkthrough(path: Path) -> Walkthrough:
    """Parse a file: `seed: N` first, then one step a line; `#` starts a comment."""
    lines = [line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    if not lines or not lines[0].startswith("seed:"):
        raise WalkthroughError(f"{path}: the first line must be `seed: N`")
    try:
        seed = int(lines[0].removeprefix("seed:").strip())
    except ValueError:
        raise WalkthroughError(f"{path}: bad seed line {lines[0]!r}") from None
    return Walkthrough(seed, tuple(lines[1:]), path)


def choice_index(game: Game, step: str) -> int:
    """The index (in `game.choices`) of the open choice whose text starts with `step`."""
    texts = [plain(c.text) for c in game.choices]
    exact = [i for i, t in enumerate(texts) if t == step]
    found = exact or [i for i, t in enumerate(texts) if t.startswith(step)]
    shown = "; ".join(texts)
    if not found:
        raise WalkthroughError(f"in '{game.state.scene}' no choice starts {step!r} ({shown})")
    if len(found) > 1:
        raise WalkthroughError(f"in '{game.state.scene}' {step!r} is ambiguous ({shown})")
    if not game.choices[found[0]].open:
        raise WalkthroughError(f"in '{game.state.scene}' the choice {step!r} is closed")
    return found[0]


def take(game: Game, step: str) -> None:
    if step.startswith("use "):
        game.use_item(step.removeprefix("use ").strip(), 0)
    else:
        game.choose(choice_index(game, step))


def replay(story: Story, walk: Walkthrough) -> Game:
    """Play a walkthrough from the start; raises WalkthroughError when a step does not fit."""
    game = Game.new(story, PLAYER, walk.seed)
    for n, step in enumerate(walk.steps, 1):
        if game.ended is not None:
            raise WalkthroughError(f"step {n} {step!r}: the story already ended")
        try:
            take(game, step)
        except GameError as e:
            raise WalkthroughError(f"step {n} {step!r} in '{game.state.scene}': {e}") from None
    return game


def choice_numbers(story: Story, walk: Walkthrough) -> list[str]:
    """The walkthrough as plain-mode input lines: choice numbers and `use ITEM`."""
    game = Game.new(story, PLAYER, walk.seed)
    out = []
    for step in walk.steps:
        out.append(step if step.startswith("use ") else str(choice_index(game, step) + 1))
        take(game, step)
    return out


# ---------------------------------------------------------------- searching


def _copy(game: Game) -> Game:
    return Game(game.story, GameState.model_validate(game.state.model_dump()))


def random_run(story: Story, seed: int, picker: random.Random) -> tuple[str | None, list[str]]:
    """One random playthrough with game seed `seed`: (ending id or None, steps)."""
    game = Game.new(story, PLAYER, seed)
    steps: list[str] = []
    while game.ended is None and len(steps) < MAX_STEPS:
        if picker.random() < P_ITEM:
            actions = [i.id for i in game.inventory if i.actions and i.actions[0].open]
            if actions:
                item = picker.choice(actions)
                game.use_item(item, 0)
                steps.append(f"use {item}")
                continue
        shown = game.choices
        open_ = [i for i, c in enumerate(shown) if c.open]
        i = picker.choice(open_)
        steps.append(plain(shown[i].text))
        game.choose(i)
    return (game.ended.id if game.ended else None), steps


def search(story: Story, wanted: set[str], seeds: list[int], tries: int) -> dict[str, Walkthrough]:
    """The shortest run found to each wanted ending, trying each seed in order."""
    best: dict[str, Walkthrough] = {}
    for seed in seeds:
        picker = random.Random(seed * 7919 + 1)
        for _ in range(tries):
            ending, steps = random_run(story, seed, picker)
            if ending in wanted and (ending not in best or len(steps) < len(best[ending].steps)):
                best[ending] = Walkthrough(seed, tuple(steps))
        if wanted <= set(best):
            break
    return best


# ---------------------------------------------------------------- writing


def annotate(story: Story, walk: Walkthrough) -> list[str]:
    """Each step with a comment: where it was taken and what it changed."""
    game = Game.new(story, PLAYER, walk.seed)
    lines = []
    for step in walk.steps:
        before = game.state.model_copy(deep=True)
        where = before.scene
        take(game, step)
        s = game.state
        notes = [f"{where} -> {s.scene}" if s.scene != where else where]
        for iid in sorted(set(s.inventory) | set(before.inventory)):
            d = s.inventory.get(iid, 0) - before.inventory.get(iid, 0)
            if d:
                notes.append(f"{'+' if d > 0 else '-'}{iid}")
        notes += [f"{k}" for k, v in sorted(s.flags.items()) if v and not before.flags.get(k)]
        for k, v in sorted(s.stats.items()):
            old = before.stats.get(k, 0)
            if v != old and k != "act":
                notes.append(f"{k} {old}->{v}")
        if s.infection != before.infection:
            notes.append(f"now {s.infection}")
        lines.append(f"{step:<56} # {', '.join(notes)}")
    return lines


def write(story: Story, ending: str, walk: Walkthrough, why: str = "") -> Path:
    WALKTHROUGHS.mkdir(exist_ok=True)
    path = WALKTHROUGHS / f"{ending}.txt"
    head = [f"seed: {walk.seed}", f"# Ending '{ending}' ({story.endings[ending]})."]
    head += [f"# {line}" for line in why.splitlines()]
    path.write_text("\n".join([*head, *annotate(story, walk)]) + "\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endings", nargs="*", help="ending ids (default: all)")
    parser.add_argument("--seed", type=int, action="append", help="game seed(s) to try")
    parser.add_argument("--tries", type=int, default=3000, help="random runs per seed")
    parser.add_argument("--write", action="store_true", help="write walkthrough files")
    args = parser.parse_args(argv)
    story = load_story(ROOT / "scenes")
    wanted = set(args.endings or story.endings)
    found = search(story, wanted, args.seed or list(range(20)), args.tries)
    for ending in sorted(wanted):
        walk = found.get(ending)
        if walk is None:
            print(f"{ending}: not found")
            continue
        print(f"{ending}: seed {walk.seed}, {len(walk.steps)} steps")
        if args.write:
            print(f"  wrote {write(story, ending, walk).relative_to(ROOT)}")
    return 0 if wanted <= set(found) else 1


if __name__ == "__main__":
    sys.exit(main())
