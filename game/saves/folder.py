"""`SaveFolder`: the slots in one save folder, and the endings reached across games."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from game.engine import Game
from game.engine.state import GameState
from game.saves.atomic import remove_stale_temps, write_atomic
from game.saves.compact import CompactError, expand_state
from game.saves.document import (
    HEADER_BYTES,
    MAX_BYTES,
    DocumentError,
    SaveHeader,
    header_from_prefix,
    parse_json,
    read_document,
)
from game.saves.encode import FileCache
from game.saves.errors import SaveError, os_problem, shown
from game.saves.fit import writable
from game.saves.lock import slot_lock
from game.saves.names import BACKUP_SUFFIX, ENDINGS_FILE, SLOT_SUFFIX, slot_name
from game.saves.recovery import MismatchError, fit_to_story, fits_story
from game.story.story import Story


@dataclass(frozen=True)
class SlotInfo:
    """One slot as a list shows it. `problem` is set (in words) when the file cannot be read;
    such slots are listed, not hidden, so the player can see and delete them."""

    name: str
    story_id: str
    story_version: str
    scene_title: str
    turn: int
    play_seconds: float
    updated: datetime
    path: Path
    problem: str | None = None


@dataclass(frozen=True)
class Loaded:
    """A loaded game: resume it with `Game(story, loaded.state)`. `notes` says what was
    repaired to fit the story as it is now, and whether the backup was used."""

    state: GameState
    play_seconds: float
    notes: list[str]


class SaveFolder:
    """The save slots in `path` (created on the first save)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._written: dict[str, tuple[tuple[int, int, int] | None, datetime]] = {}
        """Slots this folder wrote, as it left them: no need to re-validate them."""
        self._pages = FileCache()
        """The pages and undo points this folder wrote last: the next autosave encodes and
        checks only new ones."""
        self._folder_made = False
        """The folder was made (or found) by this object: saves skip making it again."""
        self._cleaned: set[str] = set()
        """Slots whose stale temporary files this object removed. Only a process killed
        while saving leaves one; another such is removed by the next session."""

    def __repr__(self) -> str:
        return f"SaveFolder({str(self.path)!r})"

    def file_for(self, slot: str) -> Path:
        return self.path / f"{slot_name(slot)}{SLOT_SUFFIX}"

    def backup_for(self, slot: str) -> Path:
        return self.path / f"{slot_name(slot)}{BACKUP_SUFFIX}"

    # ---------------------------------------------------------------- listing

    def slots(self) -> list[SlotInfo]:
        """Every slot, newest first; unreadable ones last-updated by file time, with a problem."""
        try:
            files = [p for p in self.path.iterdir() if p.name.endswith(SLOT_SUFFIX)]
        except OSError:
            return []
        infos = []
        for path in files:
            name = path.name[: -len(SLOT_SUFFIX)]
            if path.name == ENDINGS_FILE or name.startswith("."):
                continue
            try:
                if slot_name(name) != name:
                    continue
            except SaveError:
                continue
            infos.append(self._info(name, path))
        return sorted(infos, key=lambda i: i.updated, reverse=True)

    def latest(self) -> SlotInfo | None:
        """The newest slot that can be loaded (for Continue)."""
        return next((i for i in self.slots() if i.problem is None), None)

    def exists(self, slot: str) -> bool:
        return self.file_for(slot).is_file() or self.backup_for(slot).is_file()

    def _info(self, name: str, path: Path) -> SlotInfo:
        try:
            header = _read_header(path)
        except (OSError, DocumentError) as e:
            problem = os_problem(e) if isinstance(e, OSError) else str(e)
            backup = path.with_name(name + BACKUP_SUFFIX)
            try:
                header = _read_header(backup)
            except (OSError, DocumentError):
                return _broken_info(name, path, problem)
        return _slot_info(name, header, header.updated, path)

    # ---------------------------------------------------------------- saving

    def save(self, slot: str, game: Game, play_seconds: float) -> SlotInfo:
        """Write `game` to `slot` atomically, keeping the previous good copy as a backup.

        Only a file the reader accepts is ever written (`fit.writable`), so the backup, made
        from the file written before, loads too. One process writes a slot at a time."""
        name = slot_name(slot)
        path = self.path / f"{name}{SLOT_SUFFIX}"
        if not self._folder_made:
            self._make_folder()
        try:
            try:
                with slot_lock(path):
                    return self._save_locked(name, path, game, play_seconds)
            except FileNotFoundError:
                if self.path.is_dir():
                    raise
                self._make_folder()  # removed since this folder made it
                with slot_lock(path):
                    return self._save_locked(name, path, game, play_seconds)
        except OSError as e:
            untouched = " Your previous save is untouched." if path.is_file() else ""
            raise SaveError(
                f"Could not save to {shown(path)}: {os_problem(e)}.{untouched}"
            ) from None

    def _make_folder(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise SaveError(
                f"Could not create the save folder {shown(self.path)}: {os_problem(e)}."
            ) from None
        self._folder_made = True

    def _save_locked(self, name: str, path: Path, game: Game, play_seconds: float) -> SlotInfo:
        now = datetime.now(UTC)
        found = _regular_signature(path)
        trusted = self._written.get(name)
        if trusted is not None and found is not None and trusted[0] == found:
            old_is_good, created = True, trusted[1]  # the file we wrote last: no re-reading
        elif found is None:
            old_is_good, created = False, None
        else:
            old_is_good, created = _is_good_save(path)
        try:
            doc, data = writable(game, created or now, now, play_seconds, self._pages)
        except DocumentError as e:
            untouched = " Your previous save is untouched." if found is not None else ""
            raise SaveError(f"Could not save to {shown(path)}: {e}.{untouched}") from None
        if name not in self._cleaned:
            remove_stale_temps(path)
            self._cleaned.add(name)
        written = write_atomic(path, data, self.backup_for(name) if old_is_good else None)
        self._written[name] = (_signature_of(written), doc.created)
        return _slot_info(name, doc, now, path)

    # ---------------------------------------------------------------- loading

    def load(self, slot: str, story: Story) -> Loaded:
        """Read `slot` for `story`; if the file is broken, read its backup and say so."""
        name = slot_name(slot)
        path, backup = self.path / f"{name}{SLOT_SUFFIX}", self.path / f"{name}{BACKUP_SUFFIX}"
        try:
            return _load_file(path, story)
        except SaveError as main_error:
            if not backup.is_file():
                raise
            try:
                loaded = _load_file(backup, story)
            except SaveError:
                raise main_error from None
            reason = str(main_error).removeprefix(f"Could not load {shown(path)}: ")
            note = f"Loaded from the backup {shown(backup)} because {reason.rstrip('.')}."
            return Loaded(loaded.state, loaded.play_seconds, [note, *loaded.notes])

    def delete(self, slot: str) -> None:
        """Remove the slot and its backup; a slot that is not there is not an error."""
        self._written.pop(slot_name(slot), None)
        for p in (self.file_for(slot), self.backup_for(slot)):
            try:
                p.unlink(missing_ok=True)
            except OSError as e:
                raise SaveError(f"Could not delete {shown(p)}: {os_problem(e)}.") from None

    # ---------------------------------------------------------------- endings

    def endings_reached(self, story_id: str) -> set[str]:
        """Ending ids reached in any game of `story_id`; empty when the file is missing or bad."""
        return set(self._read_endings().get(story_id, []))

    def record_ending(self, story_id: str, ending_id: str) -> None:
        """Remember an ending reached. Endings are a nicety: failures are silent. Read and
        written under the file's lock, so two games ending at once both count."""
        path = self.path / ENDINGS_FILE
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with slot_lock(path):
                endings = self._read_endings()
                known = endings.setdefault(story_id, [])
                if ending_id in known:
                    return
                known.append(ending_id)
                data = json.dumps({"format": 1, "endings": endings}, indent=2, ensure_ascii=False)
                remove_stale_temps(path)
                write_atomic(path, (data + "\n").encode("utf-8"))
        except OSError:
            return

    def _read_endings(self) -> dict[str, list[str]]:
        try:
            raw = parse_json(_read_bytes(self.path / ENDINGS_FILE))
        except (OSError, DocumentError):
            return {}
        endings = raw.get("endings")
        if not isinstance(endings, dict):
            return {}
        return {
            str(k): [e for e in v if isinstance(e, str)][:1000]
            for k, v in endings.items()
            if isinstance(v, list)
        }


# ---------------------------------------------------------------- files


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file. A FIFO or a device named `*.json`
    would block a plain open or read for ever; opened without blocking, it is refused."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError("it is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path) -> bytes:
    """The whole file, refusing one too big to be a save before reading it. Read at the
    size it has (a read of the largest size a save may have allocates all of it first),
    and on to that limit if it grew meanwhile."""
    with _open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_BYTES:
            raise DocumentError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = f.read(size + 1)
        if len(data) > size:
            data += f.read(MAX_BYTES + 1 - len(data))
        return data


def _is_good_save(path: Path) -> tuple[bool, datetime | None]:
    """Whether the current file is a valid save, and its creation time; a broken file
    never replaces a good backup."""
    try:
        return True, read_document(_read_bytes(path)).created
    except (OSError, DocumentError):
        return False, None


def _slot_info(name: str, header: SaveHeader, updated: datetime, path: Path) -> SlotInfo:
    return SlotInfo(
        name=name,
        story_id=header.story_id,
        story_version=header.story_version,
        scene_title=header.scene_title,
        turn=header.turn,
        play_seconds=header.play_seconds,
        updated=updated,
        path=path,
    )


def _signature_of(st: os.stat_result) -> tuple[int, int, int]:
    """Identity of a file as we left it: inode, size and modification time."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _regular_signature(path: Path) -> tuple[int, int, int] | None:
    """`_signature_of` the file at `path`; None when there is no regular file there."""
    try:
        st = path.stat()
    except OSError:
        return None
    return _signature_of(st) if stat.S_ISREG(st.st_mode) else None


def _read_header(path: Path) -> SaveHeader:
    """The header alone when the file is laid out as we write it (its first and last bytes),
    else the whole document's header."""
    with _open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_BYTES:
            raise DocumentError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
        prefix = f.read(HEADER_BYTES)
        f.seek(max(0, size - 64))
        tail = f.read().rstrip()
    header = header_from_prefix(prefix)
    if header is not None and b"".join(tail.split()).endswith(b"}}"):
        return header
    doc = read_document(_read_bytes(path))
    return SaveHeader.model_validate(doc.model_dump(exclude={"state"}))


def _broken_info(name: str, path: Path, problem: str) -> SlotInfo:
    try:
        updated = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        updated = datetime.fromtimestamp(0, UTC)
    return SlotInfo(
        name=name,
        story_id="",
        story_version="",
        scene_title="",
        turn=0,
        play_seconds=0.0,
        updated=updated,
        path=path,
        problem=problem,
    )


def _load_file(path: Path, story: Story) -> Loaded:
    try:
        data = _read_bytes(path)
    except FileNotFoundError:
        raise SaveError(f"There is no save {shown(path)}.") from None
    except DocumentError as e:
        raise SaveError(f"Could not load {shown(path)}: {e}.") from None
    except OSError as e:
        raise SaveError(f"Could not load {shown(path)}: {os_problem(e)}.") from None
    try:
        doc = read_document(data)
        if doc.state.story_id != doc.story_id:
            raise DocumentError(
                f"its header says story '{doc.story_id}' but its state says '{doc.state.story_id}'"
            )
        if doc.state.story_id != story.id:
            raise MismatchError(
                f"it is a save of the story '{doc.state.story_id}', not of '{story.id}'"
            )
        try:
            state = expand_state(doc.state, story)
        except CompactError as e:
            raise DocumentError(f"state, {e}") from None
        if doc.story_version == story.version and fits_story(state, story):
            notes: list[str] = []  # the common case: nothing to repair, nothing copied
        else:
            notes = fit_to_story(state, story, doc.story_version)
        _try_playing(state, story)
    except (DocumentError, MismatchError) as e:
        raise SaveError(f"Could not load {shown(path)}: {e}.") from None
    return Loaded(state, doc.play_seconds, notes)


def _try_playing(state: GameState, story: Story) -> None:
    """Render the scene once, so a save that slipped past the checks fails here, not in play.

    Reading a game changes nothing in its state (the text language only reads it), so the
    probe plays on the loaded state itself rather than a deep copy."""
    probe = Game(story, state)
    try:
        _ = probe.text, probe.choices, probe.status, probe.inventory, probe.ended
    except Exception as e:  # a safety net: any failure means the save does not fit the story
        raise DocumentError(f"it does not fit this story ({type(e).__name__})") from None
