"""`hyosan graph`: dot and Mermaid output that parses, with every special character escaped."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.story import Story, load_story
from game.tools.graph import dot_string, mermaid_text, to_dot, to_mermaid

TOOLS = Path(__file__).parent.parent / "stories" / "tools"


@pytest.fixture(scope="module")
def tricky() -> Story:
    return load_story(TOOLS / "tricky")


def _dot_tokens(text: str) -> list[str]:
    """Tokenise dot: quoted strings (with escapes), ids, punctuation; rejects stray text."""
    tokens = []
    pos = 0
    pattern = re.compile(r'\s+|"(?:[^"\\]|\\.)*"|->|[{}\[\];=,]|[A-Za-z_][A-Za-z0-9_]*|\d+')
    while pos < len(text):
        m = pattern.match(text, pos)
        assert m is not None, f"bad dot at {text[pos : pos + 40]!r}"
        if not m.group().isspace():
            tokens.append(m.group())
        pos = m.end()
    return tokens


def _check_dot_structure(text: str, story: Story) -> None:
    tokens = _dot_tokens(text)
    assert tokens[0] == "digraph" and tokens[2] == "{" and tokens[-1] == "}"
    assert tokens.count("{") == tokens.count("}") and tokens.count("[") == tokens.count("]")
    for sid in story.scenes:
        assert dot_string(sid) in tokens
    edges = [i for i, t in enumerate(tokens) if t == "->"]
    assert len(edges) >= len(story.scenes) - 1
    assert all(tokens[i - 1].startswith('"') and tokens[i + 1].startswith('"') for i in edges)


def test_dot_escapes_quotes_backslashes_and_newlines() -> None:
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


def test_dot_marks_start_endings_clusters_and_dashed_edges(tricky: Story) -> None:
    text = to_dot(tricky)
    _check_dot_structure(text, tricky)
    assert '"node" [label=' in text and "shape=house" in text
    assert re.search(
        r'"end" \[label="end\\n\(end\)\\nending: The \\"end\\" & more", shape=doubleoctagon\]', text
    )
    assert 'subgraph "cluster_0"' in text and 'label="scenes.toml";' in text
    assert '"item:lamp" -> "end" [label="Throw it [hard]\\nif nerve >= 1", style=dashed];' in text
    assert '"stat:nerve:min" -> "end" [label="at_min", style=dashed];' in text
    assert (
        '"graph" -> "end" [label="#1\\nif has(\\"lamp\\") or door'
        '\\nweight 3/4\\nif nerve * 2 >= 3"];' in text
    )


def test_dot_output_parses(tricky: Story, starter: Story) -> None:
    """Structure always; and Graphviz itself where it is installed (apt-get install graphviz)."""
    for story in (tricky, starter):
        text = to_dot(story)
        _check_dot_structure(text, story)
        if shutil.which("dot") is None:
            continue
        done = subprocess.run(
            ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "<svg" in done.stdout and "Warning" not in done.stderr


def test_mermaid_text_uses_entity_codes_for_every_special_character() -> None:
    assert mermaid_text('a "b" | [c] {d} (e) #f; <g> & *h* `i` \\j\nk') == (
        '"a #quot;b#quot; #124; #91;c#93; #123;d#125; #40;e#41; #35;f#59; #lt;g#gt; #38; '
        '#42;h#42; #96;i#96; #92;j<br/>k"'
    )


def test_mermaid_structure(tricky: Story) -> None:
    text = to_mermaid(tricky)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert sum(line.strip().startswith("subgraph ") for line in lines) == sum(
        line.strip() == "end" for line in lines
    )
    node_ids = set()
    for line in lines[1:]:
        stripped = line.strip()
        if stripped in ("end",) or stripped.startswith(("classDef ", "class ", "subgraph ")):
            continue
        edge = re.fullmatch(r'(\w+) (-->|-\.->)(\|"[^"|]*"\|)? (\w+)', stripped)
        node = re.fullmatch(r'(\w+)(\(\(\(|\(\[|\[|>)"[^"]*"(\)\)\)|\]\)|\])', stripped)
        assert edge or node, f"unexpected line: {stripped}"
        if node:
            node_ids.add(node.group(1))
        if edge:
            assert edge.group(1) in node_ids and edge.group(4) in node_ids, stripped
    assert {"s_node", "s_graph", "s_end", "p_item_lamp", "p_stat_nerve_min"} <= node_ids
    assert "class s_end ending" in text and "class s_node start" in text
    assert 'p_item_lamp -.->|"Throw it #91;hard#93;<br/>if nerve #gt;= 1"| s_end' in text


def test_graph_command_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.mmd"
    assert main(["graph", str(TOOLS / "tricky"), "--format", "mermaid", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("flowchart TD")
    assert main(["graph", str(TOOLS / "tricky")]) == 0
    assert capsys.readouterr().out.startswith('digraph "tricky" {')
