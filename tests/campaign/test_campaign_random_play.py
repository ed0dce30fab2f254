"""What random players read, and where hybrids end up (issue 12, parts 1 and 2).

Both tests play the real `Game` with seeded random choices (now and then an item action, as a
player opens the inventory), through the engine only, so they stay fast.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from game.engine import Game
from game.story import Story
from game.story.text import plain

WORD = re.compile(r"\b[\w'’-]+\b")
P_ITEM = 0.08
MAX_STEPS = 400


@dataclass
class Run:
    ending: str | None = None
    was_hybrid: bool = False
    pages: list[str] = field(default_factory=list)


def play(story: Story, seed: int, keep_pages: bool) -> Run:
    """One seeded random playthrough: its pages (as shown) and how it ended."""
    game = Game.new(story, "Tester", seed)
    game.keep_log = keep_pages
    pick = random.Random(seed * 7919 + 17)
    run = Run(pages=[game.text] if keep_pages else [])
    for _ in range(MAX_STEPS):
        run.was_hybrid |= game.state.infection == "hybrid"
        if game.ended is not None:
            break
        usable = [i.id for i in game.inventory if i.actions and i.actions[0].open]
        if usable and pick.random() < P_ITEM:
            item = pick.choice(usable)
            action = next(a for a in story.items[item].actions)
            shows_page = action.goto is not None or action.response is not None
            game.use_item(item, 0)
            if keep_pages and shows_page:
                run.pages.append(game.text)
            continue
        game.choose(pick.choice([i for i, c in enumerate(game.choices) if c.open]))
        if keep_pages:
            run.pages.append(game.text)
    run.ending = game.ended.id if game.ended else None
    return run


def paragraphs(page: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", plain(page)) if p.strip()]


def repeated_words(pages: list[str]) -> tuple[int, int]:
    """(words in paragraphs this playthrough had already shown word for word, words read)."""
    seen: set[str] = set()
    repeated = total = 0
    for page in pages:
        for para in paragraphs(page):
            n = len(WORD.findall(para))
            total += n
            if para in seen:
                repeated += n
            seen.add(para)
    return repeated, total


def test_repeated_paragraphs_are_at_most_five_percent_of_the_words_read(campaign: Story) -> None:
    """A paragraph is a block of a page between blank lines, compared after markup is
    dropped; a page is what one step shows (a response and every scene passed through). The
    measure is over 200 seeded random playthroughs together."""
    repeated = total = 0
    worst: Counter[str] = Counter()
    for seed in range(200):
        run = play(campaign, seed, keep_pages=True)
        r, t = repeated_words(run.pages)
        repeated, total = repeated + r, total + t
        seen: set[str] = set()
        for page in run.pages:
            for para in paragraphs(page):
                if para in seen:
                    worst[para[:70]] += len(WORD.findall(para))
                seen.add(para)
    share = repeated / total
    top = "\n".join(f"  {n:>6}  {p}" for p, n in worst.most_common(8))
    print(f"\nrepeated {repeated} of {total} words read ({share:.1%}); most repeated:\n{top}")
    assert share <= 0.05, f"{share:.1%} of the words read were repeats; most repeated:\n{top}"


HYBRID_RUNS = 400
"""Random runs in which the player becomes a hybrid, at least (about one run in four)."""


def test_hybrid_players_reach_six_endings_none_over_forty_percent(campaign: Story) -> None:
    """Among random runs where the player is a hybrid at some point (even if cured at the end),
    at least 6 different endings are reached and no ending takes more than 40% of them."""
    endings: Counter[str] = Counter()
    seed = 0
    while sum(endings.values()) < HYBRID_RUNS and seed < HYBRID_RUNS * 8:
        run = play(campaign, seed, keep_pages=False)
        seed += 1
        if run.was_hybrid and run.ending is not None:
            endings[run.ending] += 1
    runs = sum(endings.values())
    table = ", ".join(f"{e} {n / runs:.0%}" for e, n in endings.most_common())
    print(f"\n{runs} hybrid runs of {seed}: {table}")
    assert runs >= HYBRID_RUNS, f"only {runs} hybrid runs in {seed}"
    assert len(endings) >= 6, table
    ending, n = endings.most_common(1)[0]
    assert n / runs <= 0.40, f"'{ending}' ends {n / runs:.0%} of hybrid runs: {table}"
