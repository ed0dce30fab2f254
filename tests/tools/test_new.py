"""`hyosan new`: a story folder that checks clean, plays to an ending, and has editor support."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from game.cli import main
from game.engine import Game
from game.story import check_story
from game.tools.new import create_story
from game.tools.playtest import random_playtest
from game.tools.schema import schema_files


def test_new_story_checks_clean_and_plays_to_an_ending(tmp_path: Path) -> None:
    folder = tmp_path / "my story"
    create_story(folder)
    story, diagnostics = check_story(folder)
    assert story is not None and diagnostics == []
    assert story.id == "my_story" and story.title == "My Story"
    game = Game.new(story, "Min-ji")
    assert "Min-ji, it is time to decide." in game.text
    game.choose(0)
    game.choose(0)
    assert game.ended is not None and game.ended.id == "roof"
    report = random_playtest(story, runs=100)
    assert not report.failed and report.scenes_never_reached == []


def test_new_story_has_editor_config_that_resolves(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    create_story(folder)
    config = tomllib.loads((folder / ".taplo.toml").read_text(encoding="utf-8"))
    for rule in config["rule"]:
        assert (folder / rule["schema"]["path"]).is_file()
    for name, text in schema_files().items():
        assert (folder / ".schemas" / name).read_text(encoding="utf-8") == text
    for toml in ("story.toml", "start.toml"):
        source = (folder / toml).read_text(encoding="utf-8")
        first = source.splitlines()[0]
        assert first.startswith("#:schema ./")
        schema_path = folder / first.removeprefix("#:schema ./")
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        assert (
            list(jsonschema.Draft202012Validator(schema).iter_errors(tomllib.loads(source))) == []
        )


def test_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "already exists and is not empty" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "story.toml").exists()


def test_new_accepts_an_empty_existing_folder(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path), "--title", 'The "Long" Night']) == 0
    story, diagnostics = check_story(tmp_path)
    assert story is not None and diagnostics == [] and story.title == "The 'Long' Night"
