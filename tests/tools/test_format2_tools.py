"""The author tools around format 2: the guide command, `--plain --dev`, graphs of flow."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from game.tools.graph import edges_of, run_graph
from game.tools.new import guide_path, run_guide, run_new


def _flow_story(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "story.toml").write_text(
        '[story]\nid = "f"\ntitle = "F"\nversion = "1"\nstart = "a"\n', encoding="utf-8"
    )
    (tmp_path / "s.toml").write_text(
        """
[a]
title = "A"
text = "a"
call = "t"
next = [{ when = "visited(t)", goto = "b" }, { goto = "c" }]

[t]
text = "t"
return = true

[b]
title = "B"
text = "b"
[[b.choices]]
text = "Think"
call = "t"
goto = "c"

[c]
text = "c"
ending = { id = "c", title = "C" }
""",
        encoding="utf-8",
    )
    return tmp_path


def test_guide_prints_the_shipped_guide_and_its_path() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_guide(False, out, err) == 0
    assert out.getvalue().startswith("# Writing scenes for Hyosan")
    assert "## Writing briefly" in out.getvalue()
    out = io.StringIO()
    assert run_guide(True, out, err) == 0
    assert Path(out.getvalue().strip()) == guide_path() and guide_path().is_file()


def test_new_points_at_the_guide_in_a_form_that_works_anywhere(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_new(tmp_path / "mine", None, out, io.StringIO()) == 0
    assert f"hyosan guide (or open {guide_path()})" in out.getvalue()


def test_plain_dev_is_refused_with_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--plain", "--dev"]) == 2
    assert "--dev (live reload and dev commands) works in the full-screen game only" in (
        capsys.readouterr().err
    )


def test_graph_draws_next_and_call_edges(tmp_path: Path) -> None:
    found, _ = edges_of(load_story(_flow_story(tmp_path)))
    edges = {(e.source, e.target, e.label) for e in found}
    assert ("a", "t", "call") in edges
    assert ("a", "b", "next\nweight 1/2\nif visited(t)") in edges
    assert ("a", "c", "next\nweight 1/2") in edges
    assert ("b", "t", "#1 call") in edges and ("b", "c", "#1") in edges


@pytest.mark.parametrize(("name", "fenced"), [("g.md", True), ("g.mmd", False)])
def test_mermaid_output_is_fenced_in_markdown_only(tmp_path: Path, name: str, fenced: bool) -> None:
    target = tmp_path / name
    story = _flow_story(tmp_path / "story")
    assert run_graph(story, "mermaid", target, io.StringIO(), io.StringIO()) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\n") is fenced
    assert text.rstrip().endswith("```") is fenced
    assert "flowchart" in text
