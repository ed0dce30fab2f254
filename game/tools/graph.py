"""`hyosan graph`: the scene graph as Graphviz dot or Mermaid, to see a story's shape.

Scenes are nodes, clustered by the file that defines them; the start scene and the endings
have their own shapes. Choice edges are solid and labelled with their conditions; edges that
do not come from a scene's choices (item actions, stat bounds, turning) are dashed and start
from a small node that says where they come from.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from game.story import Story, StoryError, load_story

FORMATS = ("dot", "mermaid")


@dataclass(frozen=True)
class Edge:
    source: str  # a scene id, or a pseudo node id ("item:mop", "stat:health:min", "infection")
    target: str
    label: str
    dashed: bool


@dataclass(frozen=True)
class PseudoNode:
    id: str
    label: str


def _condition(when: str | None) -> str:
    return f"if {when}" if when else ""


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def edges_of(story: Story) -> tuple[list[Edge], list[PseudoNode]]:
    """Every way from one scene to another, with what it depends on."""
    edges: list[Edge] = []
    pseudo: list[PseudoNode] = []
    for sid, scene in story.scenes.items():
        if scene.call:
            edges.append(Edge(sid, scene.call, "call", False))
        total_next = sum(b.weight for b in scene.next)
        for b in scene.next:
            chance = f"weight {b.weight}/{total_next}" if len(scene.next) > 1 else ""
            bcond = _condition(b.when.source if b.when else None)
            edges.append(Edge(sid, b.goto, _join("next", chance, bcond), False))
        for c in scene.choices:
            number = f"#{c.index + 1}"
            cond = _condition(c.when.source if c.when else None)
            extra = " ".join(w for w, on in (("once", c.once), ("bite", c.infects)) if on)
            if c.call is not None:
                edges.append(Edge(sid, c.call, _join(f"{number} call", cond), False))
            if c.goto is not None:
                edges.append(Edge(sid, c.goto, _join(f"{number} {extra}".strip(), cond), False))
                continue
            total = sum(b.weight for b in c.branches)
            for b in c.branches:
                chance = f"weight {b.weight}/{total}"
                bcond = _condition(b.when.source if b.when else None)
                edges.append(
                    Edge(
                        sid, b.goto, _join(f"{number} {extra}".strip(), cond, chance, bcond), False
                    )
                )
    for iid, item in story.items.items():
        gotos = [a for a in item.actions if a.goto]
        if gotos:
            pseudo.append(PseudoNode(f"item:{iid}", f"item: {item.name}"))
        for a in gotos:
            assert a.goto is not None
            label = _join(a.text, _condition(a.when.source if a.when else None))
            edges.append(Edge(f"item:{iid}", a.goto, label, True))
    for stid, sp in story.stats.items():
        st = sp.stat
        for bound, value, target in (("min", st.min, st.at_min), ("max", st.max, st.at_max)):
            if target:
                node = f"stat:{stid}:{bound}"
                sign = "<=" if bound == "min" else ">="
                pseudo.append(PseudoNode(node, f"{st.name} {sign} {value}"))
                edges.append(Edge(node, target, f"at_{bound}", True))
    if story.infection is not None:
        pseudo.append(PseudoNode("infection", "infection"))
        edges.append(Edge("infection", story.infection.zombie_scene, "turns", True))
    return edges, pseudo


def _clusters(story: Story) -> dict[Path, list[str]]:
    out: dict[Path, list[str]] = {}
    for sid, scene in story.scenes.items():
        out.setdefault(scene.path, []).append(sid)
    return out


def _file_label(story: Story, path: Path) -> str:
    try:
        return str(path.relative_to(story.root))
    except ValueError:
        return path.name


def _scene_label(sid: str, title: str) -> str:
    return f"{title}\n({sid})"


# ---------------------------------------------------------------- dot


def dot_string(text: str) -> str:
    """A dot quoted string: backslashes and quotes escaped, newlines as centred breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def to_dot(story: Story) -> str:
    edges, pseudo = edges_of(story)
    endings = {sid for sid, s in story.scenes.items() if s.ending is not None}
    out = [f"digraph {dot_string(story.id)} {{"]
    out.append(f"  label={dot_string(story.title)};")
    out.append('  labelloc="t";')
    out.append('  node [shape=box, style="rounded"];')
    for i, (path, sids) in enumerate(_clusters(story).items()):
        out.append(f'  subgraph "cluster_{i}" {{')
        out.append(f"    label={dot_string(_file_label(story, path))};")
        for sid in sids:
            scene = story.scenes[sid]
            attrs = [f"label={dot_string(_scene_label(sid, scene.title))}"]
            if sid == story.info.start:
                attrs += ["shape=house", 'style="bold"', "peripheries=2"]
            if sid in endings:
                assert scene.ending is not None
                label = f"{scene.title}\n({sid})\nending: {scene.ending.title}"
                attrs = [f"label={dot_string(label)}", "shape=doubleoctagon"]
            out.append(f"    {dot_string(sid)} [{', '.join(attrs)}];")
        out.append("  }")
    for node in pseudo:
        out.append(f"  {dot_string(node.id)} [label={dot_string(node.label)}, shape=note];")
    for e in edges:
        attrs = [f"label={dot_string(e.label)}"] if e.label else []
        if e.dashed:
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"  {dot_string(e.source)} -> {dot_string(e.target)}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- mermaid

_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#38;", "<": "#lt;", ">": "#gt;"}
_MERMAID_CODES = "|[]{}()*;`\\"


def mermaid_text(text: str) -> str:
    """Label text safe inside Mermaid quotes: specials as entity codes, newlines as <br/>."""
    out = []
    for ch in text:
        if ch in _MERMAID_ENTITIES:
            out.append(_MERMAID_ENTITIES[ch])
        elif ch in _MERMAID_CODES:
            out.append(f"#{ord(ch)};")
        elif ch == "\n":
            out.append("<br/>")
        elif ch != "\r":
            out.append(ch)
    return '"' + "".join(out) + '"'


def mermaid_id(node: str) -> str:
    """Scene ids may be Mermaid words (`end`); prefixed ids never are."""
    return "s_" + node if ":" not in node and node != "infection" else "p_" + node.replace(":", "_")


def to_mermaid(story: Story) -> str:
    edges, pseudo = edges_of(story)
    out = ["flowchart TD"]
    out.append("  classDef start stroke-width:4px;")
    out.append("  classDef ending stroke-dasharray:0,fill:#eee,stroke-width:3px;")
    out.append("  classDef source stroke-dasharray:4 4;")
    for i, (path, sids) in enumerate(_clusters(story).items()):
        out.append(f"  subgraph file_{i}[{mermaid_text(_file_label(story, path))}]")
        for sid in sids:
            scene = story.scenes[sid]
            nid = mermaid_id(sid)
            if scene.ending is not None:
                label = mermaid_text(f"{scene.title}\n({sid})\nending: {scene.ending.title}")
                out.append(f"    {nid}((({label})))")
                out.append(f"    class {nid} ending")
            elif sid == story.info.start:
                out.append(f"    {nid}([{mermaid_text(_scene_label(sid, scene.title))}])")
                out.append(f"    class {nid} start")
            else:
                out.append(f"    {nid}[{mermaid_text(_scene_label(sid, scene.title))}]")
        out.append("  end")
    for node in pseudo:
        nid = mermaid_id(node.id)
        out.append(f"  {nid}>{mermaid_text(node.label)}]")
        out.append(f"  class {nid} source")
    for e in edges:
        arrow = "-.->" if e.dashed else "-->"
        label = f"|{mermaid_text(e.label)}|" if e.label else ""
        out.append(f"  {mermaid_id(e.source)} {arrow}{label} {mermaid_id(e.target)}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command


def render_graph(story: Story, fmt: str) -> str:
    if fmt == "dot":
        return to_dot(story)
    if fmt == "mermaid":
        return to_mermaid(story)
    raise ValueError(f"unknown graph format '{fmt}'; use one of {', '.join(FORMATS)}")


def run_graph(
    story_dir: Path | None, fmt: str, output: Path | None, out: TextIO, err: TextIO
) -> int:
    try:
        story = load_story(story_dir)
    except StoryError as e:
        for d in e.diagnostics:
            err.write(f"{d}\n")
        err.write("the story does not check; fix it first (hyosan check)\n")
        return 2
    text = render_graph(story, fmt)
    if output is not None and fmt == "mermaid" and output.suffix.lower() == ".md":
        text = f"```mermaid\n{text.rstrip()}\n```\n"  # Markdown renders a fenced block
    if output is None:
        out.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        err.write(f"cannot write {output}: {e.strerror or e}\n")
        return 2
    err.write(f"wrote {output} ({len(story.scenes)} scenes)\n")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "graph",
        help="draw the scene graph (Graphviz dot or Mermaid)",
        description="The scene graph: start and endings marked, edges labelled with their "
        "conditions, item/stat/infection edges dashed, one cluster per file.",
    )
    p.add_argument("dir", nargs="?", type=Path, default=None, help="story folder")
    p.add_argument("--format", choices=FORMATS, default="dot")
    p.add_argument("-o", "--output", type=Path, default=None, help="write to FILE")

    def _run(args: argparse.Namespace) -> int:
        return run_graph(args.dir, args.format, args.output, sys.stdout, sys.stderr)

    p.set_defaults(func=_run)
