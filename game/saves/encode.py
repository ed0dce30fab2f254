"""The log and undo points in their file form (`compact`), encoded once and kept.

An autosave follows every choice, and between two of them a 500-choice game changes little:
one new page, the page before it (its choice), one new undo point and the oldest gone. So
the folder keeps each page and undo point as it encoded it (`FileCache`), with what it was
encoded from, and the next save encodes only what is new or changed. Every part taken from
the cache is checked against the game as it is now (values, not only identities: a page
changed in place is encoded again), so the file is always what a fresh writer would write.

Each part also remembers that the reader's validation accepted it (`fit.writable` checks
the parts it has not seen before and keeps them only then), so a save checks its new parts
and not the whole file again: parts are validated one by one, and the reader validates each
page and undo point on its own too (see `document.check_parts`).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.state import LogEntry, Snapshot
from game.saves.compact import SHARED, TEXT_LIMIT, TITLE_LIMIT, Fills, fills, fixed_piece
from game.story.story import ScenePlan, Story


@dataclass(frozen=True)
class Pages:
    """The log as encoded, in its order: each entry, what it held then (`_page_key`,
    its events copied) and its JSON. Lists, not a map: a page is looked for where it was,
    and a log changes at its end."""

    entries: list[LogEntry] = field(default_factory=list)
    keys: list[tuple[Any, ...]] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)


Point = tuple[Snapshot, Snapshot | None, tuple[Any, ...], str]
"""An undo point as encoded: the snapshot, the one before it, what both held then
(`_point_key`) and its JSON."""


class FileCache:
    """What a writer encoded last, each part by the identity of what it was made from:
    pages, undo points and a copy of every shared container they were encoded from.
    Only parts the reader's validation accepted are kept (`keep`), all in one assignment
    (two threads saving through one folder never mix two saves' parts)."""

    def __init__(self) -> None:
        self.kept: Parts | None = None

    def keep(self, parts: Parts) -> None:
        """Remember `parts` (checked): the next save encodes only what changed since."""
        self.kept = parts


@dataclass
class Parts:
    """A state's log and undo points as JSON text, and which parts were encoded now (not
    yet validated): the cache's next contents once they are."""

    story: Story
    log: str
    undo: str
    new_pages: list[str]
    new_points: list[str]
    pages: Pages
    points: dict[int, Point]
    copies: dict[int, tuple[object, object]]


def encode_parts(
    log: list[LogEntry], undo: list[Snapshot], story: Story, cache: FileCache | None
) -> Parts:
    """The log and the undo points in file form; unchanged parts taken from `cache`."""
    kept = cache.kept if cache is not None else None
    if kept is not None and kept.story is story:
        old_pages, old_points, old_copies = kept.pages, kept.points, kept.copies
    else:
        old_pages, old_points, old_copies = Pages(), {}, {}
    pages, new_pages, log_json = _pages(log, fills(story), old_pages)
    points, copies, new_points, undo_json = _points(undo, old_points, old_copies)
    return Parts(story, log_json, undo_json, new_pages, new_points, pages, points, copies)


# ---------------------------------------------------------------- pages


def _pages(log: list[LogEntry], known: Fills, old: Pages) -> tuple[Pages, list[str], str]:
    """Each page from `old` while it holds what it held then (compared by value, the
    strings mostly by identity), else encoded."""
    entries, keys, fragments = old.entries, old.keys, old.fragments
    where: dict[int, int] | None = None
    new = Pages(list(log))
    new_keys, out = new.keys, new.fragments
    fresh: list[str] = []
    last, size = len(log) - 1, len(entries)
    for at, e in enumerate(log):
        key = (e.turn, e.scene, e.title, e.text, e.choice, e.events, at == last)
        was = at
        if at >= size or entries[at] is not e:  # moved (the oldest left out), or new
            if where is None:
                where = {id(x): n for n, x in enumerate(entries)}
            was = where.get(id(e), -1)
        if was >= 0 and entries[was] is e and keys[was] == key:
            new_keys.append(keys[was])
            out.append(fragments[was])
            continue
        fragment = page_json(e, known, at == last)
        new_keys.append((*key[:5], list(e.events), at == last))
        out.append(fragment)
        fresh.append(fragment)
    return new, fresh, f"[{','.join(out)}]"


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for what is not a page of plain strings: `json.dumps` with options builds a
new one at each call."""
_quote = json.encoder.encode_basestring
"""A string as `_encode` writes it (the same function: text as is, quotes and controls
escaped)."""


def page_json(e: LogEntry, known: Fills, is_last: bool) -> str:
    """One page in file form, as `_encode(page_form(...))` writes it, only faster: a page
    of plain values (as the engine makes them) is written straight; anything else
    (a page changed by hand in memory) goes through the encoder, whose JSON the check
    refuses."""
    turn, sid, title, text, choice, events = e.turn, e.scene, e.title, e.text, e.choice, e.events
    if not (
        type(turn) is int
        and type(sid) is str
        and type(title) is str
        and type(text) is str
        and (choice is None or type(choice) is str)
        and type(events) is list
        and (not events or all(type(x) is str for x in events))
    ):
        return _encode(page_form(e, known.story.scenes, is_last))
    q = _quote
    scene_title, piece = known[sid]
    out = ['{"turn":', str(turn), ',"scene":', q(sid)]
    # the page the player is on keeps its title: a tool reading the file sees it
    if is_last or title != scene_title or len(title) > TITLE_LIMIT:
        out += (',"title":', q(title))
    found = text.find(piece) if piece and len(text) <= TEXT_LIMIT else -1
    if found < 0:
        out += (',"text":', q(text))
    else:
        if found:
            out += (',"before":', q(text[:found]))
        end = found + len(piece)
        if end < len(text):
            out += (',"rest":', q(text[end:]))
    if choice is not None:
        out += (',"choice":', q(choice))
    if events:
        out += (',"events":[', ",".join(map(q, events)), "]")
    out.append("}")
    return "".join(out)


def page_form(e: LogEntry, scenes: Mapping[str, ScenePlan], is_last: bool) -> dict[str, Any]:
    """One page in file form, as plain JSON values (what `page_json` writes)."""
    d: dict[str, Any] = {"turn": e.turn, "scene": e.scene}
    scene = scenes.get(e.scene)
    if is_last or scene is None or e.title != scene.title or len(e.title) > TITLE_LIMIT:
        d["title"] = e.title
    piece = fixed_piece(scene)
    text = e.text
    found = text.find(piece) if piece and len(text) <= TEXT_LIMIT else -1
    if found < 0:
        d["text"] = text
    else:
        if found:
            d["before"] = text[:found]
        if found + len(piece) < len(text):
            d["rest"] = text[found + len(piece) :]
    if e.choice is not None:
        d["choice"] = e.choice
    if e.events:
        d["events"] = e.events
    return d


# ---------------------------------------------------------------- undo points


def _point_key(s: Snapshot, before: Snapshot | None) -> tuple[Any, ...]:
    """Everything an undo point's JSON is made of: what it holds (lists as they are: copy
    to keep) and the four containers of the point before (whether each equals its own
    decides whether that is left out)."""
    own = (
        s.scene,
        s.turn,
        s.infection,
        s.countdown,
        s.rng,
        s.ending,
        s.log_size,
        s.last_choice,
        s.entered,
        s.last_events,
        s.counted,
        s.calls,
        s.inventory,
        s.flags,
        s.stats,
        s.once_taken,
    )
    if before is None:
        return own
    return (*own, before.inventory, before.flags, before.stats, before.once_taken)


def _points(
    undo: list[Snapshot], old: dict[int, Point], old_copies: dict[int, tuple[object, object]]
) -> tuple[dict[int, Point], dict[int, tuple[object, object]], list[str], str]:
    """The undo points in file form. A point's JSON is reused while the point and the one
    before are those it was made from and hold what they held then: the values compared
    with the key kept, the containers too, and every container a kept key holds with the
    copy kept of it (all at once, before: one changed in place is caught)."""
    changed = {k for k, (c, copy) in old_copies.items() if c != copy}
    copies = dict(old_copies)
    for k in changed:
        c = copies[k][0]
        copies[k] = (c, _copy(c))
    new: dict[int, Point] = {}
    fresh: list[str] = []
    out: list[str] = []
    before: Snapshot | None = None
    for snap in undo:
        key = _point_key(snap, before)
        hit = old.get(id(snap))
        if (
            hit is not None
            and hit[0] is snap
            and hit[1] is before
            and all(map(operator.is_, hit[2][12:], key[12:]))
            and hit[2] == key
            and (not changed or all(id(c) not in changed for c in key[12:]))
        ):
            new[id(snap)] = hit
            out.append(hit[3])
        else:
            fragment = _encode(point_form(snap, before))
            kept = (*key[:8], *(list(x) for x in key[8:12]), *key[12:])
            new[id(snap)] = (snap, before, kept, fragment)
            out.append(fragment)
            fresh.append(fragment)
            for c in key[12:16]:
                if id(c) not in copies:
                    copies[id(c)] = (c, _copy(c))
        before = snap
    if len(copies) > 4 * len(undo) + 64:  # containers no point holds any more
        held = {id(c) for snap in undo for c in _point_key(snap, None)[12:]}
        copies = {k: v for k, v in copies.items() if k in held}
    return new, copies, fresh, f"[{','.join(out)}]"


def _copy(c: object) -> object:
    """A copy to compare `c` with later; something never equal when `c` is no container
    the engine makes (the point is then encoded at every save, and checked)."""
    if isinstance(c, dict):
        return dict(c)
    if isinstance(c, set):
        return set(c)
    return object()


def point_form(snap: Snapshot, before: Snapshot | None) -> dict[str, Any]:
    """One undo point in file form (plain JSON values): a shared container equal to the
    one of the point before is left out, and so is what is empty."""
    u: dict[str, Any] = {"scene": snap.scene, "turn": snap.turn}
    for name in SHARED:
        value = getattr(snap, name)
        if before is None or value != getattr(before, name):
            u[name] = sorted(value) if isinstance(value, set) else value
    u["infection"] = snap.infection
    u["countdown"] = snap.countdown
    u["rng"] = snap.rng
    u["ending"] = snap.ending
    u["log_size"] = snap.log_size
    if snap.entered:
        u["entered"] = snap.entered
    if snap.last_choice is not None:
        u["last_choice"] = snap.last_choice
    if snap.last_events:
        u["last_events"] = snap.last_events
    if snap.counted:
        u["counted"] = snap.counted
    if snap.calls:
        u["calls"] = snap.calls
    return u
