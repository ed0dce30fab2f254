"""What a save file holds for a game: the document, checked against the reader's own limits.

A save the reader refuses is worse than no save: it replaces a good file, and the next save
rotates it into the backup. So the bytes are checked with the reader's rules before they go
to disk, and a game that has grown past a limit gets a clear `DocumentError` instead.

The story so far (`GameState.log`) grows with every scene read, so a long game in a story of
long scenes could outgrow the size limit. Rather than refuse to save such a game, the oldest
pages of the log are left out of the file (the undo points that need them go too): the
player keeps their place, their progress and the recent history.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime

from pydantic import ValidationError

from game.engine import Game
from game.engine.state import GameState
from game.saves.compact import LogCache
from game.saves.document import (
    FORMAT,
    MAX_BYTES,
    DocumentError,
    SaveDocument,
    check_writable,
    describe,
    dump_document,
)

MAX_PLAY_SECONDS = 1e10
"""The reader's limit on play time (over 300 years); longer is saved as this."""

TRIMMED_BYTES = MAX_BYTES * 3 // 4
"""When the log is trimmed, it is trimmed to fit in this, leaving room for the next scenes."""


def writable(
    game: Game,
    created: datetime,
    updated: datetime,
    play_seconds: float,
    cache: LogCache | None = None,
) -> tuple[SaveDocument, bytes]:
    """The document for `game` and its bytes, which `read_document` accepts.

    Raises DocumentError (a sentence without the file name) when the game holds what a
    save cannot: a turn count or a text beyond the reader's limits, a control character.
    """
    seconds = float(play_seconds)
    seconds = 0.0 if math.isnan(seconds) else min(MAX_PLAY_SECONDS, max(0.0, seconds))
    state = game.state
    doc = _document(game, state, created, updated, seconds)
    data = dump_document(doc, game.story, cache)
    drop = 0
    while len(data) > MAX_BYTES and drop < len(state.log):
        drop = _entries_to_drop(state, len(data) - TRIMMED_BYTES, at_least=max(1, drop * 2))
        doc = _document(game, _without_oldest(state, drop), created, updated, seconds)
        data = dump_document(doc, game.story, cache)
    try:
        check_writable(data)
    except DocumentError as e:
        raise DocumentError(f"the game holds what a save cannot ({e})") from None
    return doc, data


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
