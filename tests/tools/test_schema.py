"""`hyosan schema`: the shipped schemas are current, accept every story file, reject typos."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.cli import main
from game.tools.schema import SCENES_SCHEMA, STORY_SCHEMA, schema_files

ROOT = Path(__file__).parent.parent.parent
SHIPPED = ROOT / "schemas"
STORY_DIRS = [ROOT / "scenes", ROOT / "tests" / "stories" / "starter"]


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SHIPPED / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(name: str, data: Any) -> list[str]:
    return [e.message for e in _validator(name).iter_errors(data)]


def _story_files() -> list[Path]:
    files = [p for d in STORY_DIRS for p in sorted(d.rglob("*.toml"))]
    return [p for p in files if not any(part.startswith(".") for part in p.parts[-2:])]


@pytest.mark.parametrize("name", [STORY_SCHEMA, SCENES_SCHEMA])
def test_shipped_schema_is_the_generated_one(name: str) -> None:
    shipped = (SHIPPED / name).read_text(encoding="utf-8")
    assert shipped == schema_files()[name], (
        f"schemas/{name} is out of date with game/story/model.py: run `hyosan schema -o schemas`"
    )


def test_schema_accepts_every_shipped_story_file() -> None:
    files = _story_files()
    assert any(p.name == "school.toml" for p in files)
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        name = STORY_SCHEMA if path.name == "story.toml" else SCENES_SCHEMA
        assert _errors(name, data) == [], path


def test_schema_rejects_a_typo_in_a_scene_and_in_the_manifest() -> None:
    scenes = tomllib.loads((STORY_DIRS[1] / "school.toml").read_text(encoding="utf-8"))
    scenes["hall"]["choices"][0]["gotoo"] = "stairs"
    assert _errors(SCENES_SCHEMA, scenes) == [
        "Additional properties are not allowed ('gotoo' was unexpected)"
    ]
    scenes = tomllib.loads((STORY_DIRS[1] / "school.toml").read_text(encoding="utf-8"))
    scenes["bad-id"] = scenes.pop("hall")
    assert _errors(SCENES_SCHEMA, scenes)
    manifest = tomllib.loads((STORY_DIRS[1] / "story.toml").read_text(encoding="utf-8"))
    manifest["stats"]["health"]["maximum"] = 3
    assert _errors(STORY_SCHEMA, manifest) == [
        "Additional properties are not allowed ('maximum' was unexpected)"
    ]


def test_editor_config_maps_story_files_to_the_schemas() -> None:
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    rules = {tuple(r["include"]): r["schema"]["path"] for r in config["rule"]}
    assert rules == {
        ("scenes/story.toml",): "./schemas/story.schema.json",
        ("scenes/**/*.toml",): "./schemas/scenes.schema.json",
    }
    for path in rules.values():
        assert (ROOT / path).is_file()


def test_schema_command_writes_both_files(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 0
    for name, text in schema_files().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
