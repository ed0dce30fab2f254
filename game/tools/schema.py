"""`hyosan schema`: JSON Schemas of the manifest and of scene files, from the pydantic models.

Editors with a TOML language server (taplo, VS Code's Even Better TOML) use them for
completion and inline errors. The repo ships the generated files in `schemas/`; a test fails
when they differ from what the models generate now.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from pydantic import TypeAdapter

from game.story.model import Id, Manifest, Scene

STORY_SCHEMA = "story.schema.json"
SCENES_SCHEMA = "scenes.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _closed(node: Any) -> Any:
    """Tables keyed by ids (`patternProperties`) reject other keys too, as the loader does."""
    if isinstance(node, dict):
        out = {k: _closed(v) for k, v in node.items()}
        if "patternProperties" in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def story_schema() -> dict[str, Any]:
    """Schema of `story.toml`."""
    schema = Manifest.model_json_schema()
    return {
        "$schema": DRAFT,
        **_closed(schema),
        "title": "Hyosan story manifest (story.toml)",
    }


def scenes_schema() -> dict[str, Any]:
    """Schema of a scene file: a table of scenes keyed by scene id."""
    schema = TypeAdapter(dict[Id, Scene]).json_schema()
    return {
        "$schema": DRAFT,
        "title": "Hyosan scene file",
        "description": "Scenes keyed by id: [scene_id] with title, text, choices...",
        **_closed(schema),
    }


def schema_files() -> dict[str, str]:
    """File name -> text of each schema, exactly as shipped (stable, newline-terminated)."""
    return {
        STORY_SCHEMA: json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n",
        SCENES_SCHEMA: json.dumps(scenes_schema(), indent=2, ensure_ascii=False) + "\n",
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def taplo_config(
    schema_dir: str, story_glob: str, scenes_glob: str, exclude: tuple[str, ...] = ()
) -> str:
    """A `.taplo.toml` mapping the manifest and scene files to their schemas."""
    excluded = ", ".join(f'"{g}"' for g in (story_glob, *exclude))
    return (
        "# Editor support: taplo and VS Code's Even Better TOML read this file and give\n"
        "# completion and inline errors in story files. Regenerate the schemas with\n"
        "# `hyosan schema -o <folder>`.\n"
        "[[rule]]\n"
        f'include = ["{story_glob}"]\n'
        f'schema.path = "{schema_dir}/{STORY_SCHEMA}"\n'
        "\n"
        "[[rule]]\n"
        f'include = ["{scenes_glob}"]\n'
        f"exclude = [{excluded}]\n"
        f'schema.path = "{schema_dir}/{SCENES_SCHEMA}"\n'
    )


def run_schema(output: Path | None, out: TextIO, err: TextIO) -> int:
    if output is None:
        out.write(json.dumps({"story": story_schema(), "scenes": scenes_schema()}, indent=2) + "\n")
        return 0
    try:
        for path in write_schemas(output):
            err.write(f"wrote {path}\n")
    except OSError as e:
        err.write(f"cannot write the schemas to {output}: {e.strerror or e}\n")
        return 2
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="write the JSON Schemas of story.toml and scene files (for editors)",
        description="Without -o, prints both schemas as one JSON object.",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=None, help="folder to write the two schema files"
    )

    def _run(args: argparse.Namespace) -> int:
        return run_schema(args.output, sys.stdout, sys.stderr)

    p.set_defaults(func=_run)
