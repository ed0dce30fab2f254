"""The save file format: a small header, then the whole `GameState`, as plain JSON.

Raw JSON goes through three gates before it becomes a `SaveDocument`: a size limit, a
parser that refuses NaN and absurd nesting, and the format migrations (`MIGRATIONS`), which
upgrade a document written by an older Hyosan one version at a time. Only then does pydantic
validate every field, strictly: a string where a number belongs is an error, not a guess.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine.state import GameState
from game.saves.compact import FileState
from game.story.schema_errors import describe_error

FORMAT = 2
"""The format this version writes. Older ones are migrated; newer ones are refused.
Since the compact log (`compact`) a format 1 file may leave out what the story puts back;
every file written before is one with nothing left out, read as it always was."""

MAX_BYTES = 8 * 1024 * 1024
"""No real save comes near this; a bigger file is refused before it is read."""

HEADER_BYTES = 16 * 1024
"""How much of a file `read_header` looks at before falling back to the whole file."""

PlaySeconds = Annotated[float, Field(ge=0, le=1e10, allow_inf_nan=False)]
Short = Annotated[str, Field(max_length=200)]


class SaveHeader(BaseModel):
    """What a slot list shows; written first in the file so it can be read on its own."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    format: int
    story_id: Short
    story_version: Annotated[str, Field(max_length=40)]
    created: datetime
    updated: datetime
    play_seconds: PlaySeconds
    scene_title: Annotated[str, Field(max_length=1000)]
    turn: Annotated[int, Field(ge=0, le=1_000_000)]


class SaveDocument(SaveHeader):
    """A game as the writer holds it: the header and the whole `GameState`."""

    state: GameState


class SaveFile(SaveHeader):
    """A file as the reader validates it: the state in its file form (`compact`), which
    `compact.expand_state` turns into a `GameState` with the story at hand."""

    state: FileState


class DocumentError(ValueError):
    """A document that is not a save; the message is the problem, without the file name."""


# ---------------------------------------------------------------- control characters

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters a save never holds: C0 controls but newline and tab, DEL and the C1 controls.
Escape sequences start with them, and a save's text reaches the screen."""

_MAYBE_CONTROL = re.compile(rb"\\[rbfu]|\x7f|\xc2[\x80-\x9f]")
"""How a control character can appear in JSON bytes (escaped or raw); a quick test that
decides whether a document is worth walking."""


def may_hold_control(data: bytes) -> bool:
    """Whether JSON bytes may hold a control character (False: they surely do not).

    Single-byte searches only (they run at memory speed; a regular expression or a
    multi-byte search over a whole save costs milliseconds): every backslash is looked at,
    and the C1 range only when its lead byte occurs at all."""
    if b"\x7f" in data:
        return True
    find, at = data.find, data.find(b"\\")
    while at >= 0:
        escaped = data[at + 1 : at + 2]
        if escaped in _CONTROL_ESCAPES:
            return True
        at = find(b"\\", at + 2)  # past an escaped backslash too
    return b"\xc2" in data and _MAYBE_CONTROL.search(data) is not None


_CONTROL_ESCAPES = frozenset((b"r", b"b", b"f", b"u"))


def control_problem(raw: object) -> str | None:
    """Where the first control character is in a parsed document, said as a sentence; None
    when there is none. Keys and values are checked, without recursion."""
    stack: list[tuple[object, str]] = [(raw, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            found = _CONTROL.search(value)
            if found:
                code = f"U+{ord(found.group()):04X}"
                return f"{where} holds the control character {code}, which a save never does"
        elif isinstance(value, dict):
            for k, v in reversed(value.items()):  # the first problem in the file's order
                stack.append((v, f"{where}.{k}" if where else str(k)))
                stack.append((k, f"a key in {where or 'the document'}"))  # checked first
        elif isinstance(value, list):
            stack.extend((value[i], f"{where}.{i}") for i in range(len(value) - 1, -1, -1))
    return None


# ---------------------------------------------------------------- migrations

Raw = dict[str, Any]


def _from_0(raw: Raw) -> Raw:
    """Format 0 (the first prototype): `story`, `saved`, `play_time`; the state named its
    scene `location` and carried items as a list with repeats."""
    state = dict(_mapping(raw.get("state"), "state"))
    if "location" in state:
        state["scene"] = state.pop("location")
    items = state.pop("items", [])
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise DocumentError("state.items: expected a list of item ids")
    inventory: dict[str, int] = {}
    for item in items:
        inventory[item] = inventory.get(item, 0) + 1
    state["inventory"] = inventory
    log = state.get("log")
    title = (
        log[-1].get("title")
        if isinstance(log, list) and log and isinstance(log[-1], dict)
        else None
    )
    return {
        "format": 1,
        "story_id": raw.get("story"),
        "story_version": raw.get("story_version"),
        "created": raw.get("saved"),
        "updated": raw.get("saved"),
        "play_seconds": raw.get("play_time", 0.0),
        "scene_title": title if isinstance(title, str) else state.get("scene", ""),
        "turn": state.get("turn", 0),
        "state": state,
    }


def _from_1(raw: Raw) -> Raw:
    """Format 2 may leave a page's fixed words out (game.saves.compact); a format 1 file holds
    them all, which format 2 reads as it is. The number changed so that an older Hyosan says
    "written by a newer Hyosan" instead of failing on a missing field."""
    return {**raw, "format": 2}


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _from_0, 1: _from_1}
"""Format n -> a function returning the same document in format n + 1."""


def _mapping(value: object, where: str) -> Raw:
    if not isinstance(value, dict):
        raise DocumentError(f"{where}: expected an object")
    return value


def migrate(raw: Raw) -> Raw:
    """Upgrade a raw document to `FORMAT`, one step at a time."""
    version = raw.get("format")
    if type(version) is not int:
        raise DocumentError("it has no format version; it is not a Hyosan save")
    if version > FORMAT:
        raise DocumentError(
            f"it was written by a newer Hyosan (save format {version}; this version reads up "
            f"to {FORMAT}). Update the game to load it"
        )
    while version < FORMAT:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DocumentError(f"save format {version} is too old to read")
        raw = step(raw)
        version = raw.get("format")
        if type(version) is not int:
            raise DocumentError("a format migration lost the format version")
    return raw


# ---------------------------------------------------------------- parsing


def _refuse_constant(name: str) -> float:
    raise DocumentError(f"it holds the number {name}, which a save never has")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError("it holds a number too large to be real")
    return value


def parse_json(data: bytes) -> Raw:
    """Bytes -> a JSON object, refusing what a save never holds."""
    if len(data) > MAX_BYTES:
        raise DocumentError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError("it is not text (not UTF-8); it may be damaged") from None
    if not text.strip():
        raise DocumentError("it is empty")
    try:
        raw = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise DocumentError("it is nested too deeply to be a save") from None
    except json.JSONDecodeError as e:
        truncated = text.lstrip().startswith("{") and not text.rstrip().endswith("}")
        where = (
            "it ends too early (it may be truncated)"
            if truncated
            else f"it is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})"
        )
        raise DocumentError(where) from None
    except ValueError as e:  # an integer with more digits than Python will convert
        if isinstance(e, DocumentError):
            raise
        raise DocumentError("it holds a number too large to be real") from None
    if not isinstance(raw, dict):
        raise DocumentError("it is not a JSON object; it is not a Hyosan save")
    return raw


def describe(e: ValidationError) -> str:
    """The first validation problem, located, in plain words: `state.turn: must be at most
    1000000`."""
    return describe_error(e)


def to_document(raw: Raw) -> SaveFile:
    """A raw document, migrated -> a validated `SaveFile`, strictly typed."""
    raw = migrate(raw)
    problem = control_problem(raw)
    if problem is not None:
        raise DocumentError(problem)
    try:
        return SaveFile.model_validate_json(json.dumps(raw), strict=True)
    except ValidationError as e:
        raise DocumentError(describe(e)) from None
    except RecursionError:
        raise DocumentError("it is nested too deeply to be a save") from None


def read_document(data: bytes) -> SaveFile:
    current = _read_current(data)
    return current if current is not None else to_document(parse_json(data))


def _read_current(data: bytes) -> SaveFile | None:
    """The common case, a sound file in this version's format, validated once, straight from
    its bytes; None for anything else, which takes the long way (`parse_json`, the
    migrations, `control_problem`) and gets its problem said in words.

    Accepts only what the long way accepts: pydantic's JSON parser refuses bad UTF-8, NaN
    and raw control characters as `parse_json` does, every field is typed and bounded, and
    a file that may hold an escaped control character is left to the long way."""
    if len(data) > MAX_BYTES or may_hold_control(data):
        return None
    try:
        doc = SaveFile.model_validate_json(data, strict=True)
    except (ValidationError, RecursionError):
        return None
    return doc if doc.format == FORMAT else None


STATE_MARKER = b'\n  "state": '


def header_from_prefix(prefix: bytes) -> SaveHeader | None:
    """The header of a file written by `dump_document`, from its first bytes; None when the
    file is not laid out that way (hand-edited, older format) and must be read whole."""
    cut = prefix.find(STATE_MARKER)
    if cut < 0:
        return None
    head = prefix[:cut].rstrip()
    if not head.endswith(b","):
        return None
    try:
        raw = parse_json(head[:-1] + b"\n}")
        if raw.get("format") != FORMAT or control_problem(raw) is not None:
            return None  # read whole, the document says what is wrong
        return SaveHeader.model_validate_json(json.dumps(raw), strict=True)
    except (DocumentError, ValidationError):
        return None
