"""Saves: a game <-> a JSON file per slot in a save folder, safe against crashes and edits.

    from game.saves import SaveFolder, SaveError, SlotInfo, Loaded, AUTOSAVE, QUICKSAVE
    from game.saves import slot_name, default_save_dir

    folder = SaveFolder(default_save_dir(args.saves))   # --saves > $HYOSAN_SAVES > saves/ ...
    folder.save(AUTOSAVE, game, play_seconds)           # -> SlotInfo; raises SaveError
    loaded = folder.load("before roof", story)          # -> Loaded; raises SaveError
    game = Game(story, loaded.state)                    # resume; show loaded.notes
    folder.slots()                                      # [SlotInfo], newest first
    folder.latest()                                     # newest loadable slot, for Continue
    folder.delete(slot); folder.exists(slot)
    folder.record_ending(story.id, ending.id)           # never raises
    folder.endings_reached(story.id)                    # {ending ids}, across games

`slot_name(raw)` tidies what the player typed into a file name or raises SaveError (paths,
`..`, NUL, control characters, over 64 characters, reserved names such as CON or endings).
No save holds a control character but newline and tab: such a file is refused when read.

`SaveError` is the only exception saving and loading raise; `str(e)` is a sentence for the
player that names the file and the problem ("Could not save to saves/x.json: the disk is
full. Your previous save is untouched.").

A slot is `<slot>.json`: a header (format version, story id and version, created and updated
times, play time, scene title, turn) written first so a slot list reads only the start of each
file, then the whole `GameState` with its log and undo history, leaving out what the story
puts back when the file is read (`compact`: a page's fixed scene words, repeated undo
containers), so a long game's file stays small. Plain JSON, never pickle.
Saving writes a temporary file, fsyncs it and renames it over the old one, after copying the
previous good file to `<slot>.json.bak` the same way; loading falls back to that backup when
the main file is broken. Only bytes the reader accepts are ever written (`fit.writable`: the
same limits, checked before the swap; the oldest log pages are left out of a save that would
pass the size cap), so the backup always loads too. A folder keeps what it wrote last
(`encode.FileCache`): an autosave encodes and checks only the pages and undo points that
are new or changed since, each compared with what it was made from. One process writes a
slot at a time (`lock.slot_lock`), and only regular files are read (a FIFO named `x.json` is
a broken slot).
Loading validates everything (size, nesting, types, bounds), migrates older formats
(`document.MIGRATIONS`) and repairs a save made with an older story version
(`recovery.fit_to_story`), listing each repair in `Loaded.notes`.
"""

from game.saves.errors import SaveError
from game.saves.folder import Loaded, SaveFolder, SlotInfo
from game.saves.names import AUTOSAVE, QUICKSAVE, default_save_dir, slot_name

__all__ = [
    "AUTOSAVE",
    "QUICKSAVE",
    "Loaded",
    "SaveError",
    "SaveFolder",
    "SlotInfo",
    "default_save_dir",
    "slot_name",
]
