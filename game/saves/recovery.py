"""Fitting a saved `GameState` to the story as it is now.

A save outlives the story it was made with: scenes get removed, items dropped, stat bounds
changed. Rather than refuse such a save, `fit_to_story` repairs what it safely can and says
what it did, one note per repair, so the player knows why things look different.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

from game.engine.state import SNAPSHOT_FIELDS, GameState, Progress, Snapshot
from game.story.per_story import PerStory
from game.story.story import Story


class MismatchError(ValueError):
    """A save that belongs to another story altogether."""


def fit_to_story(state: GameState, story: Story, saved_version: str) -> list[str]:
    """Repair `state` in place for `story`; returns the notes of what was changed."""
    if state.story_id != story.id:
        raise MismatchError(f"it is a save of the story '{state.story_id}', not of '{story.id}'")
    notes: list[str] = []
    if saved_version != story.version:
        notes.append(
            f"This save was made with version {saved_version} of the story; "
            f"this is version {story.version}."
        )
    if state.scene not in story.scenes:
        _move_to_known_scene(state, story, notes)
    _fit_progress(state, story, notes)
    _fit_undo(state, story)
    _fit_log(state)
    return notes


def fits_story(state: GameState, story: Story) -> bool:
    """Whether `fit_to_story` would find nothing to repair: no note, no change, undo points
    kept as they are. Checks without copying, so a save of the story as it is loads fast;
    any doubt answers False and the full repair runs."""
    scenes = story.scenes
    if state.story_id != story.id or state.scene not in scenes:
        return False
    if not scenes.keys() >= state.visits.keys():
        return False
    known = _known(story)
    if not known.all_exist(state.chosen, _counted_exists):
        return False
    sound: dict[int, str] = {}
    if not _progress_fits(state, known, sound):
        return False
    size, log_size, endings = -1, len(state.log), known.endings
    for snap in state.undo:
        if snap.log_size < size or snap.log_size > log_size or endings[snap.scene] is _GONE:
            return False
        size = snap.log_size
        if snap.entered and not scenes.keys() >= set(snap.entered):
            return False
        if not _progress_fits(snap, known, sound):
            return False
    return True


class _Known:
    """What `fits_story` checks a story's saves against, worked out once a story: stat
    bounds, and the choice and action keys found to exist (a save names few of them)."""

    def __init__(self, story: Story) -> None:
        self._story = weakref.ref(story)  # weak: `_known` is a registry (`PerStory`)
        self.bounds = {sid: (p.stat.min, p.stat.max) for sid, p in story.stats.items()}
        self.found: dict[object, set[str]] = {}
        self.endings = _Endings(story)

    @property
    def story(self) -> Story:
        story = self._story()
        assert story is not None, "a story whose save is read is alive"
        return story

    def all_exist(self, keys: Iterable[str], exists: Callable[[str, Story], bool]) -> bool:
        """Whether `exists(key, story)` holds for every key; true keys are remembered."""
        found = self.found.setdefault(exists, set())
        if found.issuperset(keys):
            return True
        for key in keys:
            if key not in found:
                if not exists(key, self.story):
                    return False
                found.add(key)
        return True


_GONE = "\x00gone"
"""What `_Endings` says of a scene the story does not have (no ending id looks so)."""


class _Endings(dict[str, str | None]):
    """Scene id -> the id of the ending it is (None: it is none; `_GONE`: no such scene),
    looked up once a scene: a save names few of a story's scenes."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.scenes = story.scenes

    def __missing__(self, sid: str) -> str | None:
        scene = self.scenes.get(sid)
        ending = _GONE if scene is None else None if scene.ending is None else scene.ending.id
        self[sid] = ending
        return ending


_known = PerStory(_Known)
"""What a story's saves are checked against, once a story."""


def _progress_fits(p: Progress | Snapshot, known: _Known, sound: dict[int, str]) -> bool:
    """`_fit_progress` would change nothing in `p` (visits and counts aside). `sound`
    holds the containers already found sound (id -> which one): undo points share them."""
    story = known.story
    inventory, stats, flags, once_taken, calls = (
        p.inventory,
        p.stats,
        p.flags,
        p.once_taken,
        p.calls,
    )
    if sound.get(id(inventory)) != "inventory":
        if not story.items.keys() >= inventory.keys() or min(inventory.values(), default=1) <= 0:
            return False
        sound[id(inventory)] = "inventory"
    if sound.get(id(stats)) != "stats":
        bounds = known.bounds
        if stats.keys() != bounds.keys():
            return False
        for sid, value in stats.items():
            low, high = bounds[sid]
            if value < low or value > high:
                return False
        sound[id(stats)] = "stats"
    if sound.get(id(flags)) != "flags":
        if not story.flags.keys() >= flags.keys():
            return False
        sound[id(flags)] = "flags"
    if sound.get(id(once_taken)) != "once_taken":
        if not known.all_exist(once_taken, _choice_exists):
            return False
        sound[id(once_taken)] = "once_taken"
    if calls and sound.get(id(calls)) != "calls":
        if any(entry.partition(":")[2] not in story.scenes for entry in calls):
            return False
        sound[id(calls)] = "calls"
    if story.infection is None:
        if p.infection != "human" or p.countdown is not None:
            return False
    elif (p.infection == "bitten") != (p.countdown is not None):
        return False
    ending = known.endings[p.scene]
    return p.ending == (None if ending is _GONE else ending)


def _move_to_known_scene(state: GameState, story: Story, notes: list[str]) -> None:
    """The scene is gone: go back to the last scene in the log that still exists."""
    gone = state.scene
    for at in range(len(state.log) - 1, -1, -1):
        entry = state.log[at]
        if entry.scene in story.scenes and story.scenes[entry.scene].ending is None:
            del state.log[at + 1 :]
            entry.choice, entry.events = None, []
            target = entry.scene
            break
    else:
        target = story.info.start
        state.log.clear()
    state.scene = target
    state.ending = None
    state.undo.clear()
    notes.append(
        f"The scene '{gone}' is no longer in the story; you are back at "
        f"'{story.scenes[target].title}', the nearest earlier place that still exists. "
        "The undo history was cleared."
    )


def _fit_progress(p: Progress, story: Story, notes: list[str] | None) -> None:
    """Items, stats, flags, visits, the infection and the ending, checked against `story`.

    With `notes` None (undo snapshots) repairs are made silently.
    """

    def note(text: str) -> None:
        if notes is not None:
            notes.append(text)

    for iid in [i for i in p.inventory if i not in story.items]:
        del p.inventory[iid]
        note(f"The item '{iid}' is no longer in the story and was taken from your inventory.")
    for iid in [i for i, n in p.inventory.items() if n <= 0]:
        del p.inventory[iid]
    for sid in [s for s in p.stats if s not in story.stats]:
        del p.stats[sid]
        note(f"The stat '{sid}' is no longer in the story and was dropped.")
    for sid, plan in story.stats.items():
        st = plan.stat
        if sid not in p.stats:
            p.stats[sid] = st.start
            note(f"{st.name} is new in this version of the story; it starts at {st.start}.")
            continue
        value = p.stats[sid]
        if value < st.min or value > st.max:
            fixed = max(st.min, min(st.max, value))
            p.stats[sid] = fixed
            bound = "minimum" if value < st.min else "maximum"
            note(f"{st.name} was {value}, outside the story's new {bound}; it is now {fixed}.")
    for fid in [f for f in p.flags if f not in story.flags]:
        del p.flags[fid]
        note(f"The flag '{fid}' is no longer in the story and was dropped.")
    for sid in [s for s in p.visits if s not in story.scenes]:
        del p.visits[sid]
    p.once_taken = {key for key in p.once_taken if _choice_exists(key, story)}
    p.chosen = {key: n for key, n in p.chosen.items() if _counted_exists(key, story)}
    if any(entry.partition(":")[2] not in story.scenes for entry in p.calls):
        p.calls = []
        note("A scene the story was in the middle of is gone; its subroutine was dropped.")
    _fit_infection(p, story, note)
    scene = story.scenes.get(p.scene)
    if scene is not None:
        ending = scene.ending.id if scene.ending is not None else None
        if p.ending != ending:
            p.ending = ending


def _fit_infection(p: Progress, story: Story, note: Callable[[str], None]) -> None:
    if story.infection is None:
        if p.infection != "human" or p.countdown is not None:
            p.infection, p.countdown = "human", None
            note("This story no longer has an infection; you are human again.")
        return
    if p.infection == "bitten" and p.countdown is None:
        p.countdown = story.infection.countdown
    if p.infection != "bitten":
        p.countdown = None


def _choice_exists(key: str, story: Story) -> bool:
    scene_id, _, index = key.rpartition(":")
    scene = story.scenes.get(scene_id)
    return scene is not None and index.isdigit() and int(index) < len(scene.choices)


def _counted_exists(key: str, story: Story) -> bool:
    """A choice (`scene:i`) or an item action (`item:id:i`) the story still has."""
    kind, _, rest = key.partition(":")
    if kind == "item":
        iid, _, index = rest.partition(":")
        item = story.items.get(iid)
        return item is not None and index.isdigit() and int(index) < len(item.actions)
    return _choice_exists(key, story)


def _fit_undo(state: GameState, story: Story) -> None:
    """Keep only the undo points that can be restored: the newest run whose scenes exist."""
    kept: list[Snapshot] = []
    for snap in reversed(state.undo):
        if snap.scene not in story.scenes or snap.log_size > len(state.log):
            break
        if any(sid not in story.scenes for sid in snap.entered):
            break
        fields = {name: getattr(snap, name) for name in SNAPSHOT_FIELDS}
        fields["once_taken"] = set(snap.once_taken)
        progress = Progress.model_construct(**fields, visits={}, chosen={})
        _fit_progress(progress, story, None)
        fitted = {name: getattr(progress, name) for name in SNAPSHOT_FIELDS}
        fitted["once_taken"] = set(progress.once_taken)
        kept.append(
            Snapshot(
                **fitted,
                log_size=snap.log_size,
                entered=list(snap.entered),
                counted=list(snap.counted),
                last_choice=snap.last_choice,
                last_events=list(snap.last_events),
            )
        )
    state.undo = list(reversed(kept))


def _fit_log(state: GameState) -> None:
    """Undo sizes never exceed the log; nothing else in the log affects play."""
    sizes = [s.log_size for s in state.undo]
    if sizes != sorted(sizes):
        state.undo.clear()
