"""Count what the campaign holds, from the loaded story (not the raw files).

    python tests/campaign/count_words.py [STORY_DIR]     # default: scenes/

What it counts, per act file and in total:

- scenes: every scene of the file, endings included;
- words: the words of each scene's `text` plus the text of every one of its variants, with
  markup (`[i]`...) dropped and each `{field}` counted as one word. A word is a run of
  letters, digits, apostrophes and hyphens (regex `WORD` below), so "halfbies", "2-5" and
  "don't" are one word each. Choice labels, titles and item descriptions are not counted:
  only the prose a scene shows;
- endings: scenes that end the game (distinct ending ids in the total row);
- hybrid-only: scenes tagged `hybrid` (only a hybrid ever enters them) plus variants whose
  `when` cannot hold unless the player is a hybrid (see `requires_hybrid`).

Items are counted once for the whole story. Importable: the campaign tests use `count_story`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from game.story import Story, load_story  # noqa: E402
from game.story.conditions import Binary, Call, Literal, Name, Node, Unary  # noqa: E402
from game.story.conditions import parse_condition as parse  # noqa: E402
from game.story.story import ScenePlan  # noqa: E402
from game.story.text import Template, plain  # noqa: E402

WORD = re.compile(r"\b[\w'’-]+\b")
HYBRID_TAG = "hybrid"
HYBRID_NAMES = ("hybrid", "hybrid_awake")
"""Names that hold only for a hybrid: the infection state, and the flag its awakening sets."""


def source_text(t: Template) -> str:
    """A loaded template as prose: each `{field}` becomes one placeholder word, markup dropped."""
    return plain("".join(p if isinstance(p, str) else "X" for p in t.parts))


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def requires_hybrid(node: Node) -> bool:
    """True if the condition cannot hold for a player who is not (or was never) a hybrid.

    `hybrid`, `hybrid_awake`, and `hunger >= n` (n >= 1; hunger only rises in a hybrid) count;
    `a and b` needs one side to require it, `a or b` both sides.
    """
    if isinstance(node, Name):
        return node.name in HYBRID_NAMES
    if isinstance(node, Binary):
        if node.op == "and":
            return requires_hybrid(node.left) or requires_hybrid(node.right)
        if node.op == "or":
            return requires_hybrid(node.left) and requires_hybrid(node.right)
        left, right = node.left, node.right
        if (
            isinstance(left, Name)
            and left.name == "hunger"
            and isinstance(right, Literal)
            and not isinstance(right.value, bool)
        ):
            n = int(right.value)
            return (node.op == ">=" and n >= 1) or (node.op == ">" and n >= 0)
        return False
    if isinstance(node, Unary | Call | Literal):
        return False
    return False


def scene_words(scene: ScenePlan) -> tuple[int, int]:
    """(words of the main text, words of the main text plus every variant)."""
    main = count_words(source_text(scene.text))
    total = main + sum(count_words(source_text(v.text)) for v in scene.variants)
    return main, total


def longest_view(scene: ScenePlan) -> int:
    """Words the player sees at most: the text plus its longest variant (or the longest
    replacing variant alone). An upper bound when one variant adds to another."""
    main = count_words(source_text(scene.text))
    best = main
    for v in scene.variants:
        n = count_words(source_text(v.text))
        best = max(best, n if v.replace else main + n)
    return best


@dataclass
class FileCount:
    name: str
    scenes: int = 0
    words: int = 0
    endings: int = 0
    hybrid_scenes: int = 0
    hybrid_variants: int = 0

    @property
    def hybrid_only(self) -> int:
        return self.hybrid_scenes + self.hybrid_variants


@dataclass
class StoryCount:
    files: list[FileCount] = field(default_factory=list)
    total: FileCount = field(default_factory=lambda: FileCount("total"))
    ending_ids: set[str] = field(default_factory=set)
    items: int = 0
    main_words: dict[str, int] = field(default_factory=dict)
    """Scene id -> words of its main text."""
    seen_words: dict[str, int] = field(default_factory=dict)
    """Scene id -> words of its text plus its longest variant (`longest_view`)."""
    hybrid_scene_ids: list[str] = field(default_factory=list)


def hybrid_variant_count(scene: ScenePlan) -> int:
    return sum(1 for v in scene.variants if requires_hybrid(parse(v.when.source)))


def count_story(story: Story) -> StoryCount:
    out = StoryCount(items=len(story.items), ending_ids=set(story.endings))
    by_file: dict[str, FileCount] = {}
    for sid, scene in story.scenes.items():
        fc = by_file.setdefault(scene.path.name, FileCount(scene.path.name))
        main, words = scene_words(scene)
        out.main_words[sid] = main
        out.seen_words[sid] = longest_view(scene)
        fc.scenes += 1
        fc.words += words
        fc.endings += scene.ending is not None
        if HYBRID_TAG in scene.tags:
            fc.hybrid_scenes += 1
            out.hybrid_scene_ids.append(sid)
        fc.hybrid_variants += hybrid_variant_count(scene)
    out.files = [by_file[k] for k in sorted(by_file)]
    t = out.total
    for fc in out.files:
        t.scenes += fc.scenes
        t.words += fc.words
        t.hybrid_scenes += fc.hybrid_scenes
        t.hybrid_variants += fc.hybrid_variants
    t.endings = len(out.ending_ids)
    return out


def distribution(values: list[int], width: int = 50) -> list[tuple[str, int]]:
    """Counts of values in buckets `width` wide: [("100-149", 3), ...]."""
    buckets: dict[int, int] = {}
    for v in values:
        buckets[v // width] = buckets.get(v // width, 0) + 1
    return [(f"{b * width}-{b * width + width - 1}", buckets[b]) for b in sorted(buckets)]


def format_table(c: StoryCount) -> str:
    head = f"{'file':<20}{'scenes':>8}{'words':>9}{'endings':>9}{'H scenes':>10}{'H vars':>8}"
    lines = [head, "-" * len(head)]
    for fc in [*c.files, c.total]:
        if fc is c.total:
            lines.append("-" * len(head))
        lines.append(
            f"{fc.name:<20}{fc.scenes:>8}{fc.words:>9}{fc.endings:>9}"
            f"{fc.hybrid_scenes:>10}{fc.hybrid_variants:>8}"
        )
    lines.append(f"items: {c.items}; distinct endings: {len(c.ending_ids)}")
    lines.append(f"hybrid-only scenes and variants: {c.total.hybrid_only}")
    mains = list(c.main_words.values())
    lines.append(
        f"main text per scene: min {min(mains)}, mean {sum(mains) // len(mains)}, max {max(mains)}"
    )
    lines.append("main text words per scene (scenes per bucket):")
    lines += [f"  {b:>9}: {n}" for b, n in distribution(mains)]
    seen = c.seen_words
    top = sorted(seen, key=lambda s: -seen[s])[:5]
    lines.append("longest text + variant: " + ", ".join(f"{s} {seen[s]}" for s in top))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    story = load_story(Path(argv[0]) if argv else ROOT / "scenes")
    print(format_table(count_story(story)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
