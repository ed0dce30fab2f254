"""What a save file holds for a game: the document, checked against the reader's own limits.

A save the reader refuses is worse than no save: it replaces a good file, and the next save
rotates it into the backup. So the bytes are checked with the reader's rules before they go
to disk, and a game that has grown past a limit gets a clear `DocumentError` instead.

The story so far (`GameState.log`) grows with every scene read, so a long game in a story of
long scenes could outgrow the size limit. Rather than refuse to save such a game, the oldest
pages of the log are left out of the file (the undo points that need them go too): the
player keeps their place, their progress and the recent history.

The check need not read the whole file again at every autosave: the reader validates each
page and undo point on its own, so a save validates the parts new since the folder's last
save and the rest of the document (`check_dumped`); the parts kept from before passed then.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from datetime import datetime

from pydantic import TypeAdapter, ValidationError

from game.engine import Game
from game.engine.state import UNDO_LIMIT, GameState
from game.saves.compact import FileEntry, FileSnapshot
from game.saves.document import (
    FORMAT,
    MAX_BYTES,
    STATE_MARKER,
    DocumentError,
    SaveDocument,
    SaveFile,
    control_problem,
    describe,
    may_hold_control,
)
from game.saves.encode import FileCache, Parts, encode_parts
from game.story.story import Story

MAX_PLAY_SECONDS = 1e10
"""The reader's limit on play time (over 300 years); longer is saved as this."""

TRIMMED_BYTES = MAX_BYTES * 3 // 4
"""When the log is trimmed, it is trimmed to fit in this, leaving room for the next scenes."""


def writable(
    game: Game,
    created: datetime,
    updated: datetime,
    play_seconds: float,
    cache: FileCache | None = None,
) -> tuple[SaveDocument, bytes]:
    """The document for `game` and its bytes, which `read_document` accepts.

    With `cache` (what the same writer saved last) only the new parts are encoded and
    checked, and the cache then holds this save's parts.

    Raises DocumentError (a sentence without the file name) when the game holds what a
    save cannot: a turn count or a text beyond the reader's limits, a control character.
    """
    seconds = float(play_seconds)
    seconds = 0.0 if math.isnan(seconds) else min(MAX_PLAY_SECONDS, max(0.0, seconds))
    state = game.state
    doc = _document(game, state, created, updated, seconds)
    dumped = dump_document(doc, game.story, cache)
    drop = 0
    while len(dumped.data) > MAX_BYTES and drop < len(state.log):
        excess = len(dumped.data) - TRIMMED_BYTES
        drop = _entries_to_drop(state, excess, at_least=max(1, drop * 2))
        doc = _document(game, _without_oldest(state, drop), created, updated, seconds)
        dumped = dump_document(doc, game.story, cache)
    try:
        check_dumped(dumped)
    except DocumentError as e:
        raise DocumentError(f"the game holds what a save cannot ({e})") from None
    if cache is not None:
        cache.keep(dumped.parts)
    return doc, dumped.data


@dataclass(frozen=True)
class Dumped:
    """A document's bytes, the same document with an empty log and no undo points (the
    `skeleton`: header and progress), and its log and undo points as parts."""

    data: bytes
    skeleton: bytes
    parts: Parts
    undo_points: int


def dump_document(doc: SaveDocument, story: Story, cache: FileCache | None = None) -> Dumped:
    """The header first and the state last, one key a line at the top level, so that
    `header_from_prefix` can read the header without parsing the state. The log and undo
    points go in their file form (`compact`), left out parts taken from `story`."""
    body = doc.model_dump(mode="json", exclude={"state"})
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in body.items()]
    head = ("{\n" + "\n".join(lines)).encode("utf-8") + STATE_MARKER
    rest = doc.state.model_dump_json(exclude={"log", "undo"}).encode("utf-8")
    parts = encode_parts(doc.state.log, doc.state.undo, story, cache)
    try:
        log, undo = parts.log.encode("utf-8"), parts.undo.encode("utf-8")
    except UnicodeEncodeError:
        raise DocumentError("it holds text that is not valid Unicode") from None
    start = head + (rest[:-1] + b"," if rest != b"{}" else b"{")
    data = b"".join((start, b'"log":', log, b',"undo":', undo, b"}\n}\n"))
    skeleton = start + b'"log":[],"undo":[]}\n}\n'
    return Dumped(data, skeleton, parts, len(doc.state.undo))


_PAGES = TypeAdapter(list[FileEntry])
_POINTS = TypeAdapter(list[FileSnapshot])


def check_dumped(dumped: Dumped) -> None:
    """Raise DocumentError unless `read_document` would accept `dumped.data`: the same
    size limit, no control characters, the same strict validation.

    Validation goes by parts: the skeleton, and the pages and undo points new in this
    save (those from the cache passed before, byte for byte). The reader's validation
    accepts a document exactly when it accepts the skeleton and each page and undo point
    on its own (they are items of lists checked item by item, with no rule across items
    but the number of undo points, checked here). Any part refused, the whole document is
    validated, so the message is the reader's own."""
    data = dumped.data
    if len(data) > MAX_BYTES:
        raise DocumentError(f"it would be larger than {MAX_BYTES // (1024 * 1024)} MB")
    if may_hold_control(data):
        problem = control_problem(json.loads(data))
        if problem is not None:
            raise DocumentError(problem)
    if _parts_pass(dumped):
        return
    try:
        SaveFile.model_validate_json(data, strict=True)
    except ValidationError as e:
        raise DocumentError(describe(e)) from None


def _parts_pass(dumped: Dumped) -> bool:
    parts = dumped.parts
    if dumped.undo_points > UNDO_LIMIT:
        return False
    try:
        SaveFile.model_validate_json(dumped.skeleton, strict=True)
        if parts.new_pages:
            _PAGES.validate_json(_array(parts.new_pages), strict=True)
        if parts.new_points:
            _POINTS.validate_json(_array(parts.new_points), strict=True)
    except ValidationError:
        return False
    return True


def _array(items: list[str]) -> bytes:
    return f"[{','.join(items)}]".encode()


def _document(
    game: Game, state: GameState, created: datetime, updated: datetime, seconds: float
) -> SaveDocument:
    try:
        return SaveDocument(
            format=FORMAT,
            story_id=game.story.id,
            story_version=game.story.version,
            created=created,
            updated=updated,
            play_seconds=seconds,
            scene_title=game.title,
            turn=state.turn,
            state=state,
        )
    except ValidationError as e:
        raise DocumentError(f"the game holds what a save cannot ({describe(e)})") from None


def _entries_to_drop(state: GameState, excess: int, at_least: int) -> int:
    """How many of the oldest log entries to leave out to save about `excess` bytes."""
    dropped, saved = 0, 0
    for entry in state.log:
        if saved >= excess and dropped >= at_least:
            break
        saved += 100 + sum(
            len(s.encode("utf-8", "surrogatepass"))
            for s in (entry.text, entry.title, entry.choice or "", *entry.events)
        )
        dropped += 1
    return dropped


def _without_oldest(state: GameState, drop: int) -> GameState:
    """`state` with its first `drop` log entries left out, undo points shifted to match; the
    live game is not changed."""
    undo = [
        dataclasses.replace(snap, log_size=snap.log_size - drop)
        for snap in state.undo
        if snap.log_size >= drop
    ]
    return state.model_copy(update={"log": state.log[drop:], "undo": undo})
