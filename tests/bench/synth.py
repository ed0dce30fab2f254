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


def write_story(root: Path, scenes: int, seed: int = 1) -> Path:
    """Write a story of `scenes` scenes under `root`; returns `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
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
    (root / "story.toml").write_text("\n".join(manifest))
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
        sid = f"s{i}"
        block = [f'[{sid}]\ntitle = "Scene {i}"\ntext = """\n{_text(rng, 600)}\n"""\n']
        if is_ending[i]:
            block.append(f'ending = {{ id = "e{i % 7}", title = "Ending {i % 7}" }}\n')
        else:
            if rng.random() < 0.34:
                block.append(
                    f'[[{sid}.variants]]\nwhen = "{_condition(rng)}"\n'
                    f'text = "{_text(rng, 120)} Health {{health}}."\n'
                )
            targets = [
                f"s{next_in_chain.get(i, 0)}",
                f"s{min(i + 1, scenes - 1)}"
                if is_ending[min(i + 1, scenes - 1)]
                else f"s{rng.randrange(scenes)}",
                f"s{rng.randrange(scenes)}",
            ]
            for n, target in enumerate(targets):
                lines = [f'[[{sid}.choices]]\ntext = "Choice {n} of {i}"\ngoto = "{target}"\n']
                if n > 0 and rng.random() < 0.375:
                    lines.append(f'when = "{_condition(rng)}"\n')
                fx = []
                roll = rng.random()
                if roll < 0.2:
                    fx.append(f'give = ["i{rng.randrange(N_ITEMS)}"]')
                elif roll < 0.35:
                    fx.append(f"set = {{ f{rng.randrange(N_FLAGS)} = true }}")
                elif roll < 0.5:
                    fx.append(f"add = {{ trust = {rng.choice((-1, 1))} }}")
                elif roll < 0.53:
                    fx.append("infect = true, add = { health = -2 }")
                elif roll < 0.6:
                    fx.append(f'take = ["i{rng.randrange(N_ITEMS)}"]')
                if fx:
                    lines.append(f"effects = {{ {', '.join(fx)} }}\n")
                block.append("".join(lines))
        if i % SCENES_PER_FILE == 0:
            files.append([])
        files[-1].append("\n".join(block))
    for n, content in enumerate(files):
        (root / f"part{n:03}.toml").write_text("\n".join(content))
    return root


if __name__ == "__main__":
    import sys

    write_story(Path(sys.argv[1]), int(sys.argv[2]))
