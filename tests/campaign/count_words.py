"""Count what the campaign holds, from the loaded story and its scene files.

    python tests/campaign/count_words.py [STORY_DIR]     # default: scenes/

What it counts, per act file and in total:

- scenes: every scene of the file, endings included;
- words: the prose a scene can show: its `text`, every variant, and the `response` of every
  choice, each with every branch of its inline conditions and alternatives (`{if ...}`,
  `{seq: ...}`), markup (`[i]`...) dropped and each `{field}` counted as one word. The text
  language compiles to closures, so the words are read from the scene files' source, which
  the loaded story names (`ScenePlan.path`). A word is a run of letters, digits, apostrophes
  and hyphens (regex `WORD` below), so "halfbies", "2-5" and "don't" are one word each.
  Choice labels, titles and item descriptions are not counted;
- endings: scenes that end the game (distinct ending ids in the total row);
- hybrid-only: scenes tagged `hybrid` (only a hybrid ever enters them) plus variants whose
  `when` cannot hold unless the player is a hybrid (see `requires_hybrid`).

Items are counted once for the whole story. Importable: the campaign tests use `count_story`.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from game.story import Story, load_story  # noqa: E402
from game.story.conditions import Binary, Call, Literal, Name, Node, Unary  # noqa: E402
from game.story.conditions import parse_condition as parse  # noqa: E402
from game.story.story import ScenePlan  # noqa: E402

WORD = re.compile(r"\b[\w'’-]+\b")
HYBRID_TAG = "hybrid"
HYBRID_NAMES = ("hybrid", "hybrid_awake")
"""Names that hold only for a hybrid: the infection state, and the flag its awakening sets."""


# ---------------------------------------------------------------- the source, as a tree

Tree = list["str | tuple[str, list[Tree]]"]
"""A text as literals and ("if" | "alt", branches); fields become one placeholder word."""

_TOKEN = re.compile(
    r"\{\{|\}\}"  # literal braces
    r"|\{\s*if\s[^:}]*:|\{\s*(?:seq|cycle|shuffle|once)\s*:"  # a condition, alternatives
    r"|\{[^{}|]*\}"  # a field
    r"|[{}|]"
)
_ELSE = re.compile(r"\s*else\s*:")


def parse_source(text: str) -> Tree:
    """The text language's structure, enough to count words: `{if C: a | else: b}` and
    alternatives become branches; a field `{x}` becomes the word X."""
    tree, _ = _sequence(text, 0, 0)
    return tree


def _sequence(text: str, pos: int, depth: int) -> tuple[Tree, int]:
    out: Tree = []
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            out.append(text[pos:])
            return out, len(text)
        out.append(text[pos : m.start()])
        tok = m.group()
        if tok in ("{{", "}}"):
            out.append(tok[0])
            pos = m.end()
        elif tok in ("}", "|"):
            if depth == 0:
                out.append(tok)
                pos = m.end()
                continue
            return out, m.start()
        elif tok.startswith("{") and tok.endswith(":"):
            kind = "if" if tok.lstrip("{ ").startswith("if") else "alt"
            branches: list[Tree] = []
            pos = m.end()
            while True:
                branch, pos = _sequence(text, pos, depth + 1)
                branches.append(branch)
                if pos >= len(text) or text[pos] == "}":
                    pos += 1
                    break
                pos += 1  # past "|"
                e = _ELSE.match(text, pos) if kind == "if" else None
                pos = e.end() if e else pos
            out.append((kind, branches))
        else:  # a field
            out.append(" X ")
            pos = m.end()


def tree_words(tree: Tree, longest: bool = False) -> int:
    """Words in every branch (the prose written), or along the longest one (the most a
    player can read at once)."""
    n = 0
    for node in tree:
        if isinstance(node, str):
            n += count_words(plain_source(node))
        else:
            sizes = [tree_words(b, longest) for b in node[1]]
            n += max(sizes, default=0) if longest else sum(sizes)
    return n


_MARKUP = re.compile(r"\\\[|\[/?(?:b|i|u|dim)\]")


def plain_source(text: str) -> str:
    return _MARKUP.sub("", text)


@dataclass(frozen=True)
class SceneSource:
    text: str = ""
    variants: tuple[tuple[str, bool], ...] = ()
    """(text, replaces the main text)."""
    responses: tuple[str, ...] = ()


def scene_sources(story: Story) -> dict[str, SceneSource]:
    """Scene id -> its prose as written, read again from the files the story came from."""
    out: dict[str, SceneSource] = {}
    for path in sorted({s.path for s in story.scenes.values()}):
        data = tomllib.loads(path.read_text("utf-8"))
        for sid, raw in data.items():
            if sid not in story.scenes or not isinstance(raw, dict):
                continue
            out[sid] = SceneSource(
                str(raw.get("text", "")),
                tuple(
                    (str(v.get("text", "")), bool(v.get("replace", False)))
                    for v in raw.get("variants", [])
                ),
                tuple(str(c["response"]) for c in raw.get("choices", []) if "response" in c),
            )
    return out


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


def scene_words(src: SceneSource) -> tuple[int, int]:
    """(words of the main text, words of the text, every variant and every response)."""
    main = tree_words(parse_source(src.text))
    rest = [*(v for v, _ in src.variants), *src.responses]
    return main, main + sum(tree_words(parse_source(t)) for t in rest)


def longest_view(src: SceneSource) -> int:
    """Words the player sees at most on arriving: the text along its longest branches plus its
    longest variant. An upper bound when one variant adds to another; responses are left out
    (they belong to the page of the scene they lead to)."""
    main = tree_words(parse_source(src.text), longest=True)
    best = main
    for text, replace in src.variants:
        n = tree_words(parse_source(text), longest=True)
        best = max(best, n if replace else main + n)
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
    sources = scene_sources(story)
    for sid, scene in story.scenes.items():
        fc = by_file.setdefault(scene.path.name, FileCount(scene.path.name))
        src = sources.get(sid, SceneSource())
        main, words = scene_words(src)
        out.main_words[sid] = main
        out.seen_words[sid] = longest_view(src)
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
