"""Synthetic stories in our format, deterministic for a seed, for benchmarks.

About 600 characters of text a scene, a conditional variant on a third of the scenes, three
choices a scene with about a quarter of them conditional, stat and flag changes, items,
bites, about 5% endings, and every scene reachable (a chain runs through all of them).
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

PROSE = (
    "the hall smells of chalk and rain a locker door bangs somewhere below and the lights "
    "flicker over the stairwell you hear slippers on tile then nothing a desk scrapes the "
    "window fogs with your breath the radio hisses a name you almost know blood on the "
    "notice board the bell rings for a lesson nobody will attend"
)
WORDS = tuple(PROSE.split())
SCENES_PER_FILE = 500
N_FLAGS, N_ITEMS = 40, 30


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        out.append(sentence.capitalize() + ".")
        size += len(sentence) + 2
    return " ".join(out)


def _condition(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"has(i{rng.randrange(N_ITEMS)})"
    if kind == 1:
        return f"f{rng.randrange(N_FLAGS)}"
    if kind == 2:
        return f"health >= {rng.randint(2, 6)} and not hybrid"
    return f"trust >= {rng.randint(1, 4)} or visited(s{rng.randrange(50)})"


def _manifest() -> str:
    manifest = [
        '[story]\nid = "synth"\ntitle = "Synthetic"\nversion = "1"\nstart = "s0"\n',
        '[stats.health]\nname = "Health"\nstart = 8\nmax = 10\nat_min = "dead"\n',
        '[stats.hunger]\nname = "Hunger"\nmax = 10\nvisible = "hybrid"\nat_max = "frenzy"\n',
        '[stats.trust]\nname = "Trust"\nstart = 3\nmax = 10\n',
        "[flags]\n" + "".join(f'f{i} = "flag {i}"\n' for i in range(N_FLAGS)),
    ]
    for i in range(N_ITEMS):
        manifest.append(f'[items.i{i}]\nname = "Item {i}"\ndescription = "A thing."\n')
    manifest.append(
        '[infection]\ncountdown = 3\nzombie_scene = "turned"\nhunger_stat = "hunger"\n'
        '[[infection.outcomes]]\nwhen = "health >= 6"\nhybrid_chance = 0.7\n'
        "[[infection.outcomes]]\nhybrid_chance = 0.3\n"
    )
    return "\n".join(manifest)


def _effects(rng: random.Random) -> str:
    """A choice's effects table line, or "" for none (about 60% of choices have some)."""
    roll = rng.random()
    if roll < 0.2:
        fx = f'give = ["i{rng.randrange(N_ITEMS)}"]'
    elif roll < 0.35:
        fx = f"set = {{ f{rng.randrange(N_FLAGS)} = true }}"
    elif roll < 0.5:
        fx = f"add = {{ trust = {rng.choice((-1, 1))} }}"
    elif roll < 0.53:
        fx = "infect = true, add = { health = -2 }"
    elif roll < 0.6:
        fx = f'take = ["i{rng.randrange(N_ITEMS)}"]'
    else:
        return ""
    return f"effects = {{ {fx} }}\n"


def _choices(rng: random.Random, i: int, targets: list[str]) -> list[str]:
    out = []
    for n, target in enumerate(targets):
        lines = [f'[[s{i}.choices]]\ntext = "Choice {n} of {i}"\ngoto = "{target}"\n']
        if n > 0 and rng.random() < 0.375:
            lines.append(f'when = "{_condition(rng)}"\n')
        lines.append(_effects(rng))
        out.append("".join(lines))
    return out


def _scene(rng: random.Random, i: int, scenes: int, is_ending: list[bool], chained: int) -> str:
    """Scene `i`: an ending, or a scene with maybe a variant and three choices (the first
    goes on along the chain that reaches every scene)."""
    sid = f"s{i}"
    block = [f'[{sid}]\ntitle = "Scene {i}"\ntext = """\n{_text(rng, 600)}\n"""\n']
    if is_ending[i]:
        block.append(f'ending = {{ id = "e{i % 7}", title = "Ending {i % 7}" }}\n')
        return "\n".join(block)
    if rng.random() < 0.34:
        block.append(
            f'[[{sid}.variants]]\nwhen = "{_condition(rng)}"\n'
            f'text = "{_text(rng, 120)} Health {{health}}."\n'
        )
    after = min(i + 1, scenes - 1)
    targets = [
        f"s{chained}",
        f"s{after}" if is_ending[after] else f"s{rng.randrange(scenes)}",
        f"s{rng.randrange(scenes)}",
    ]
    block += _choices(rng, i, targets)
    return "\n".join(block)


def write_story(root: Path, scenes: int, seed: int = 1) -> Path:
    """Write a story of `scenes` scenes under `root`; returns `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.toml").write_text(_manifest())
    is_ending = [i > 0 and i % 20 == 19 for i in range(scenes)]
    chain = [i for i in range(scenes) if not is_ending[i]]
    next_in_chain = {a: b for a, b in itertools.pairwise(chain)}
    blocks: list[str] = [
        '[dead]\ntitle = "Dead"\ntext = "You fall."\nending = { id = "dead", title = "Dead" }\n',
        '[turned]\ntitle = "Turned"\ntext = "Cold."\nending = { id = "turned", title = "T" }\n',
        '[frenzy]\ntitle = "Frenzy"\ntext = "Red."\non_enter = { set = { hunger = 2 } }\n'
        '[[frenzy.choices]]\ntext = "Go on"\ngoto = "s0"\n',
    ]
    files: list[list[str]] = [blocks]
    for i in range(scenes):
        if i % SCENES_PER_FILE == 0:
            files.append([])
        files[-1].append(_scene(rng, i, scenes, is_ending, next_in_chain.get(i, 0)))
    for n, content in enumerate(files):
        (root / f"part{n:03}.toml").write_text("\n".join(content))
    return root


if __name__ == "__main__":
    import sys

    write_story(Path(sys.argv[1]), int(sys.argv[2]))
