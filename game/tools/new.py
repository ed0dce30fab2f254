"""`hyosan new DIR`: a minimal story folder that checks clean and plays: the tutorial's step 1.

It holds a manifest, one scene file and the editor configuration: the JSON Schemas copied
into `DIR/.schemas/`, a `.taplo.toml` pointing at them, and a `#:schema` line at the top of
each file, so completion works whichever folder the editor opens.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from game.story.loader import default_story_dir
from game.tools.schema import SCENES_SCHEMA, STORY_SCHEMA, taplo_config, write_schemas

SCHEMA_DIR = ".schemas"


def story_id_for(folder: Path) -> str:
    """An id from the folder name: letters, digits and underscores, not starting with a digit."""
    ident = re.sub(r"[^A-Za-z0-9_]+", "_", folder.resolve().name).strip("_").lower()
    if not ident or ident[0].isdigit():
        ident = f"story_{ident}".rstrip("_")
    return ident[:64]


def manifest_text(story_id: str, title: str) -> str:
    return f'''#:schema ./{SCHEMA_DIR}/{STORY_SCHEMA}
# The manifest: what the whole story declares. See scenes/README.md for every key.
[story]
id = "{story_id}"
title = "{title}"
version = "0.1.0"
start = "start"
default_player = "Ji-ho"
intro = "A new story."
'''


SCENE_TEXT = f'''#:schema ./{SCHEMA_DIR}/{SCENES_SCHEMA}
# Scenes: each table is one scene, keyed by its id. Add more files like this one freely.
[start]
title = "The empty classroom"
text = """
The bell has stopped ringing. The classroom is empty, the door half open, and somewhere
down the hall a window breaks. {{player}}, it is time to decide."""

[[start.choices]]
text = "Slip out into the hall"
goto = "hall"

[[start.choices]]
text = "Hide under the teacher's desk"
goto = "end_hidden"

[hall]
title = "The hall"
text = "Lockers hang open. The stairs to the roof are at the far end."

[[hall.choices]]
text = "Run for the roof"
goto = "end_roof"

[[hall.choices]]
text = "Go back to the classroom"
goto = "start"

[end_hidden]
title = "Under the desk"
text = "You wait, and wait, and the footsteps pass. [i]For now.[/i]"
ending = {{ id = "hidden", title = "Hidden" }}

[end_roof]
title = "The roof"
text = "Wind and open sky. A helicopter turns toward you."
ending = {{ id = "roof", title = "Rescued from the roof" }}
'''


class NewStoryError(Exception):
    """The folder cannot be made into a new story (it exists and is not empty, ...)."""


def create_story(folder: Path, title: str | None = None) -> list[Path]:
    """Create the story folder; returns the files written. Raises NewStoryError."""
    if folder.exists() and not folder.is_dir():
        raise NewStoryError(f"{folder} exists and is not a folder; choose another name")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewStoryError(
            f"{folder} already exists and is not empty; give a new folder name "
            "(hyosan new never overwrites files)"
        )
    story_id = story_id_for(folder)
    title = title or story_id.replace("_", " ").title()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files = [folder / "story.toml", folder / "start.toml", folder / ".taplo.toml"]
        files[0].write_text(manifest_text(story_id, title.replace('"', "'")), encoding="utf-8")
        files[1].write_text(SCENE_TEXT, encoding="utf-8")
        files[2].write_text(
            taplo_config(SCHEMA_DIR, "story.toml", "**/*.toml", (".taplo.toml",)),
            encoding="utf-8",
        )
        files += write_schemas(folder / SCHEMA_DIR)
    except OSError as e:
        raise NewStoryError(f"cannot create the story in {folder}: {e.strerror or e}") from None
    return files


def guide_path() -> Path:
    """The author's guide beside the shipped story: in the checkout or inside the wheel."""
    return default_story_dir() / "README.md"


def run_guide(show_path: bool, out: TextIO, err: TextIO) -> int:
    path = guide_path()
    if show_path:
        out.write(f"{path}\n")
        return 0
    try:
        out.write(path.read_text(encoding="utf-8"))
    except OSError as e:
        err.write(f"cannot read the guide at {path}: {e.strerror or e}\n")
        return 1
    return 0


def register_guide(sub: Any) -> None:
    p = sub.add_parser(
        "guide",
        help="print the author's guide (the scene format, with a tutorial)",
        description="Prints the author's guide, or with --path where it is.",
    )
    p.add_argument("--path", action="store_true", help="print where the guide is instead")

    def _run(args: argparse.Namespace) -> int:
        return run_guide(args.path, sys.stdout, sys.stderr)

    p.set_defaults(func=_run)


def run_new(folder: Path, title: str | None, out: TextIO, err: TextIO) -> int:
    try:
        files = create_story(folder, title)
    except NewStoryError as e:
        err.write(f"error: {e}\n")
        return 1
    for f in files:
        out.write(f"created {f}\n")
    out.write(
        f"\nNext:\n  hyosan check {folder}\n  hyosan play --scenes {folder}\n"
        f"  hyosan playtest {folder}\nThe author's guide: hyosan guide (or open {guide_path()})\n"
    )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="create a minimal story folder that checks and plays",
        description="Creates DIR with story.toml, start.toml and editor configuration.",
    )
    p.add_argument("dir", type=Path, help="the new story folder (must not exist or be empty)")
    p.add_argument("--title", default=None, help="the story's title")

    def _run(args: argparse.Namespace) -> int:
        return run_new(args.dir, args.title, sys.stdout, sys.stderr)

    p.set_defaults(func=_run)
