"""`load_story`: TOML files -> a checked `Story`, or one error holding every problem.

Loading is all-or-nothing: every file is parsed, every scene validated and every reference
resolved, and all problems are collected (with file, line and column) before anything is
reported, so an author fixes a whole batch at once.
"""

from __future__ import annotations

import contextlib
import gc
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from game.story.conditions import (
    Call,
    CompiledCondition,
    ConditionError,
    Names,
    Node,
    compile_condition,
    did_you_mean,
    parse_condition,
    walk,
)
from game.story.diagnostics import Diagnostic, Severity, StoryError
from game.story.flow import check_flow
from game.story.model import Branch, Defaults, Effects, Manifest, Messages, Scene
from game.story.sourcemap import SourceMap
from game.story.story import (
    NO_EFFECTS,
    ActionPlan,
    BranchPlan,
    ChoicePlan,
    EffectsPlan,
    ItemPlan,
    OutcomePlan,
    ScenePlan,
    StatPlan,
    Story,
    VariantPlan,
)
from game.story.text import Template, TextError, compile_template

MANIFEST = "story.toml"
FORMAT_VERSION = 2
"""The scene format the loader reads; compiled caches of another version are rebuilt."""
MESSAGE_FIELDS = {
    "gain": ("item",),
    "gain_many": ("item", "count"),
    "lose": ("item",),
    "stat_up": ("stat", "delta", "value"),
    "stat_down": ("stat", "delta", "value"),
    "ending": ("ending",),
}
DEFAULTS_KEY = "defaults"
"""A scene file's `[defaults]` table: not a scene (so no scene may be called that)."""
_M = typing.TypeVar("_M", bound=BaseModel)
Loc = tuple[str | int, ...]


def default_story_dir() -> Path:
    """The shipped story: the checkout's `scenes/`, or the copy inside an installed wheel."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "scenes"
    if (checkout / MANIFEST).is_file():
        return checkout
    return package / "scenes"


def story_files(root: Path) -> list[Path]:
    """Scene files under `root`: every `*.toml` but the manifest and hidden files."""
    files = [
        p
        for p in root.rglob("*.toml")
        if p.name != MANIFEST
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(files)


def load_story(path: Path | str | None = None) -> Story:
    """Load and check the story in folder `path` (default: the shipped story).

    Raises StoryError holding every error found; warnings ride along on `Story.warnings`.
    """
    story, diagnostics = check_story(path)
    if story is None:
        raise StoryError(diagnostics)
    return story


def check_story(path: Path | str | None = None) -> tuple[Story | None, list[Diagnostic]]:
    """Like `load_story`, but returns the diagnostics instead of raising."""
    root = Path(path) if path is not None else default_story_dir()
    loader = _Loader(root)
    with _no_gc():
        story = loader.load()
    return story, sorted(loader.diagnostics)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Loading makes many objects that all live on: cycle collection meanwhile is wasted
    work (about a third of a large story's load time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def story_from_checked(
    root: Path,
    manifest: dict[str, Any],
    files: Mapping[str, dict[str, Any]],
    warnings: tuple[Diagnostic, ...],
) -> Story:
    """A story from data that `load_story` has already checked (the compiled cache).

    Scenes are validated and compiled on first use, so a large story opens at once.
    Raises StoryError or ValueError if the data does not hold what it should.
    """
    loader = _Loader(root)
    mfile = _File(root / MANIFEST, "", manifest)
    checked = loader.validate(mfile, Manifest, manifest, ())
    if checked is None:
        raise StoryError(loader.diagnostics)
    raw: dict[str, tuple[_File, dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    endings: dict[str, str] = {}
    hints: dict[str, str] = {}
    for rel, data in files.items():
        f = _File(root / rel, "", data)
        for sid, scene in data.items():
            if sid == DEFAULTS_KEY:
                f.defaults = Defaults.model_validate(scene)
                continue
            raw[sid] = (f, scene)
            titles[sid] = str(scene.get("title") or sid)
            if "ending" in scene:
                eid = str(scene["ending"]["id"])
                endings.setdefault(eid, str(scene["ending"]["title"]))
                if scene["ending"].get("hint"):
                    hints.setdefault(eid, str(scene["ending"]["hint"]))
    linker = _Linker(loader, mfile, checked, {}, titles)
    stats, items, outcomes = linker.globals()
    if loader.failed:
        raise StoryError(loader.diagnostics)
    return Story(
        info=checked.story,
        root=root,
        files=(mfile.path, *sorted(root / rel for rel in files)),
        stats=stats,
        flags=checked.flag_descriptions(),
        items=items,
        scenes=_LazyScenes(linker, raw),
        infection=checked.infection,
        outcomes=outcomes,
        endings=endings,
        warnings=warnings,
        messages=checked.messages,
        defaults=checked.defaults,
        visible_flags=frozenset(f for f in checked.flags if checked.flag(f).visible),
        ending_hints=hints,
    )


class _LazyScenes(Mapping[str, ScenePlan]):
    """Scene plans compiled on first access from already-checked scene tables."""

    def __init__(self, linker: _Linker, raw: dict[str, tuple[_File, dict[str, Any]]]) -> None:
        self._linker = linker
        self._raw = raw
        self._plans: dict[str, ScenePlan] = {}

    def __getitem__(self, sid: str) -> ScenePlan:
        plan = self._plans.get(sid)
        if plan is None:
            f, data = self._raw[sid]
            plan = self._linker.scene(f, sid, Scene.model_validate(data))
            if self._linker.loader.failed:
                raise StoryError(self._linker.loader.diagnostics)
            self._plans[sid] = plan
        return plan

    def __contains__(self, sid: object) -> bool:
        return sid in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


# ---------------------------------------------------------------- files


@dataclass
class _File:
    path: Path
    source: str
    data: dict[str, Any]
    _map: SourceMap | None = None
    defaults: Defaults | None = None

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = SourceMap(self.source)
        return self._map

    def locate(self, loc: Loc) -> tuple[int, int]:
        return self.map.locate(loc)

    def locate_in_value(self, loc: Loc, needle: str, column: int = 1) -> tuple[int, int]:
        """Position of `column` within `needle`, written on the line of the key at `loc`."""
        line, col = self.locate(loc)
        lines = self.source.splitlines()
        if 0 < line <= len(lines):
            at = lines[line - 1].find(needle, col - 1)
            if at >= 0:
                return line, at + column
        return line, col


@dataclass
class _Loader:
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)

    def report(
        self, file: _File | Path, line: int, col: int, message: str, severity: Severity = "error"
    ) -> None:
        path = file.path if isinstance(file, _File) else file
        self.diagnostics.append(Diagnostic(path, line, col, severity, message))

    def at(self, file: _File, loc: Loc, message: str, severity: Severity = "error") -> None:
        self.report(file, *file.locate(loc), message, severity)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    # ---- reading

    def read(self, path: Path) -> _File | None:
        try:
            raw = path.read_bytes()
        except OSError as e:
            self.report(path, 1, 1, f"cannot read the file: {e.strerror or e}")
            return None
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            self.report(path, line, 1, "the file is not UTF-8 text; save it as UTF-8")
            return None
        try:
            data = tomli.loads(source)
        except tomli.TOMLDecodeError as e:
            line = getattr(e, "lineno", 1)
            col = getattr(e, "colno", 1)
            msg = getattr(e, "msg", str(e))
            self.report(path, line, col, f"TOML syntax error: {msg}")
            return None
        return _File(path, source, data)

    def load(self) -> Story | None:
        manifest_path = self.root / MANIFEST
        if not self.root.is_dir():
            self.report(self.root, 1, 1, "no such story folder; give the folder holding story.toml")
            return None
        if not manifest_path.is_file():
            self.report(
                manifest_path,
                1,
                1,
                "the story has no manifest; create story.toml (see scenes/README.md, or run "
                "`hyosan new DIR`)",
            )
            return None
        mfile = self.read(manifest_path)
        scenes: dict[str, tuple[_File, Scene]] = {}
        paths = story_files(self.root)
        unreadable = mfile is None
        for p in paths:
            f = self.read(p)
            if f is None:
                unreadable = True
                continue
            self.collect_scenes(f, scenes)
            f.data = {}  # validated: the raw tables would only keep memory busy
        if unreadable or mfile is None:
            return None  # names in unreadable files are unknown: cross-checks would mislead
        manifest = self.validate(mfile, Manifest, mfile.data, ())
        if not paths and manifest is not None:
            self.report(mfile, 1, 1, "the story has no scene files; add a *.toml file of scenes")
        if manifest is None:
            return None
        return _Linker(self, mfile, manifest, scenes).link()

    def collect_scenes(self, f: _File, scenes: dict[str, tuple[_File, Scene]]) -> None:
        """Validate every scene table of `f` into `scenes`, reporting bad and duplicate ones."""
        for sid, value in f.data.items():
            if sid == DEFAULTS_KEY and isinstance(value, dict):
                f.defaults = self.validate(f, Defaults, value, (sid,))
                continue
            if not isinstance(value, dict):
                self.at(f, (sid,), f"'{sid}' must be a scene table: write [{sid}] and its keys")
                continue
            scene = self.validate(f, Scene, value, (sid,))
            if scene is None:
                self.broken_ids.add(sid)
                continue
            if sid in scenes:
                first = scenes[sid][0]
                line, _ = first.locate((sid,))
                self.at(
                    f,
                    (sid,),
                    f"duplicate scene id '{sid}' (first defined in {first.path}:{line}); "
                    "rename one of them",
                )
                continue
            scenes[sid] = (f, scene)

    # ---- schema errors

    def validate(
        self, file: _File, model: type[_M], data: dict[str, Any], prefix: Loc
    ) -> _M | None:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            seen: set[Loc] = set()
            for err in e.errors(include_url=False):
                loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
                if loc in seen:
                    continue
                seen.add(loc)
                self.at(file, prefix + loc, _explain(model, loc, err, prefix))
            return None


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part in ("bool", "int", "str", "float"))


def describe(loc: Loc) -> str:
    """A key path as the author reads it: `hall, choice 2, text` (numbered from 1)."""
    groups: list[list[str]] = [[]]
    for part in loc:
        if isinstance(part, int):
            name = groups[-1].pop() if groups[-1] else "item"
            groups.append([f"{_SINGULAR.get(name, name)} {part + 1}"])
            groups.append([])
        else:
            groups[-1].append(part)
    return ", ".join(".".join(g) for g in groups if g)


_SINGULAR = {
    "choices": "choice",
    "branch": "branch",
    "variants": "variant",
    "actions": "action",
    "outcomes": "outcome",
    "effects": "effect",
    "on_enter": "on_enter effect",
    "next": "next branch",
}


def _explain(model: type[BaseModel], loc: Loc, err: Any, prefix: Loc) -> str:
    kind = err["type"]
    where = describe((*prefix, *loc))
    parent = describe((*prefix, *loc[:-1])) or "the file"
    key = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(key, allowed) if allowed else ""
        listing = f" (allowed: {', '.join(sorted(allowed))})" if allowed and not hint else ""
        return f"unknown key '{key}' in {parent}{hint}{listing}"
    if kind == "missing":
        return f"missing required key '{key}' in {parent}; add it"
    if kind == "string_pattern_mismatch":
        return (
            f"{where}: '{err['input']}' is not a valid id; use letters, digits and underscores, "
            "not starting with a digit"
        )
    msg = _plain_error(kind, err)
    if kind in ("model_type", "dict_type") and isinstance(err.get("input"), list):
        msg += " (did you write [[...]] where [...] was meant?)"
    return f"{where}: {msg}" if where else msg


def _plain_error(kind: str, err: Any) -> str:
    """The project's own words for a pydantic error: no Python names reach the author."""
    ctx = err.get("ctx") or {}
    if kind in _PLAIN_TYPE_ERRORS:
        return _PLAIN_TYPE_ERRORS[kind] + _got(err.get("input"))
    if kind == "string_too_short":
        return (
            "must not be empty"
            if ctx.get("min_length") == 1
            else (f"must be at least {ctx.get('min_length')} characters long")
        )
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("too_long",):
        return f"has too many entries: at most {ctx.get('max_length')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}".replace("'", '"')
    return str(err["msg"]).removeprefix("Value error, ")


def _got(value: Any) -> str:
    """What the author wrote instead, in TOML's words."""
    if isinstance(value, bool):
        return f" (got {'true' if value else 'false'})"
    if isinstance(value, str):
        return f' (got "{value}" in quotes)' if len(value) < 40 else " (got text in quotes)"
    if isinstance(value, int | float):
        return f" (got {value})"
    if isinstance(value, list):
        return " (got a list)"
    if isinstance(value, dict):
        return " (got a table)"
    return ""


_PLAIN_TYPE_ERRORS = {
    "string_type": "must be text in quotes",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type_strict": "must be true or false",
    "list_type": "must be a list: [ ... ]",
    "dict_type": "must be a table",
    "model_type": "must be a table",
}


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc` inside `model`, to suggest a fix for an unknown key."""
    current: Any = model
    for part in loc:
        current = _unwrap(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any, part: str | int) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        f = tp.model_fields.get(str(part))
        return _model_in(f.annotation) if f else None
    origin = typing.get_origin(tp)
    if origin in (list, dict):
        return _model_in(typing.get_args(tp)[-1])
    return None


def _model_in(tp: Any) -> Any:
    """Strip Optional/Annotated/unions down to a model or container type."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = _model_in(arg)
            if (isinstance(inner, type) and issubclass(inner, BaseModel)) or typing.get_origin(
                inner
            ) in (list, dict):
                return inner
        return None
    return tp


# ---------------------------------------------------------------- cross references


class _Linker:
    """Resolves every name in the validated models and compiles conditions and texts."""

    def __init__(
        self,
        loader: _Loader,
        mfile: _File,
        manifest: Manifest,
        scenes: Mapping[str, tuple[_File, Scene]],
        titles: Mapping[str, str] | None = None,
    ) -> None:
        self.loader = loader
        self.mfile = mfile
        self.m = manifest
        self.scenes = scenes
        self.names = Names(
            flags=manifest.flag_descriptions(),
            stats={k: s.name for k, s in manifest.stats.items()},
            items={k: i.name for k, i in manifest.items.items()},
            scenes=(
                titles if titles is not None else {k: s.title or k for k, (_, s) in scenes.items()}
            ),
        )
        self._conditions: dict[str, CompiledCondition] = {}
        self.items_read: set[str] = set()
        self.flags_read: set[str] = set()
        self.flags_set: set[str] = set()
        self.items_given: set[str] = set()

    # ---- small checks

    def scene_ref(self, file: _File, loc: Loc, target: str | None) -> None:
        if (
            target is not None
            and target not in self.names.scenes
            and (target not in self.loader.broken_ids)
        ):
            line, col = file.locate_in_value(loc, f'"{target}"', 2)
            self.loader.report(
                file,
                line,
                col,
                f"goes to unknown scene '{target}'{did_you_mean(target, self.names.scenes)}",
            )

    def condition(self, file: _File, loc: Loc, src: str | None) -> CompiledCondition | None:
        if src is None:
            return None
        cached = self._conditions.get(src)
        if cached is not None:
            return cached
        try:
            compiled = compile_condition(src, self.names)
        except ConditionError as e:
            line, col = file.locate_in_value(loc, src, e.column)
            self.loader.report(file, line, col, f'in condition "{src}": {e.message}')
            return None
        self._note_reads(parse_condition(src))
        self._conditions[src] = compiled
        return compiled

    def _note_reads(self, node: Node) -> None:
        for sub in walk(node):
            if isinstance(sub, Call) and sub.func in ("has", "count") and sub.args:
                self.items_read.add(str(getattr(sub.args[0], "name", "")))
            elif hasattr(sub, "name") and not isinstance(sub, Call):
                self.flags_read.add(str(sub.name))

    def template(self, file: _File, loc: Loc, text: str) -> Template:
        def condition(src: str, at: int) -> CompiledCondition:
            try:
                compiled = self._conditions.get(src) or compile_condition(src, self.names)
            except ConditionError as e:
                raise TextError(f'in condition "{src}": {e.message}', at + e.column - 1) from None
            if src not in self._conditions:
                self._note_reads(parse_condition(src))
                self._conditions[src] = compiled
            return compiled

        try:
            return compile_template(text, self.names.stats, self.names.items, condition)
        except TextError as e:
            line, col = file.map.text_line(loc, text, e.offset)
            self.loader.report(file, line, col, e.message)
            return Template((text,))

    def effects(
        self, file: _File, loc: Loc, fx: Effects | list[Effects]
    ) -> tuple[EffectsPlan, ...]:
        """An ordered tuple of effect tables; a lone table without `when` is one step."""
        if isinstance(fx, Effects):
            if fx.when is not None:
                self.loader.at(
                    file,
                    (*loc, "when"),
                    "`when` on effects works inside a list of effects: write "
                    'effects = [{ when = "...", ... }]',
                )
            return NO_EFFECTS if fx.is_empty() else (self.effect(file, loc, fx),)
        return tuple(self.effect(file, (*loc, i), f) for i, f in enumerate(fx))

    def effect(self, file: _File, loc: Loc, fx: Effects) -> EffectsPlan:
        give = self.counts(file, (*loc, "give"), fx.give)
        take = self.counts(file, (*loc, "take"), fx.take)
        self.items_given.update(give)
        set_flags: dict[str, bool] = {}
        set_stats: dict[str, int] = {}
        for key, value in fx.set.items():
            kloc = (*loc, "set", key)
            if key in self.m.flags:
                if not isinstance(value, bool):
                    self.loader.at(file, kloc, f"flag '{key}' is set to true or false, not {value}")
                set_flags[key] = bool(value)
                self.flags_set.add(key)
            elif key in self.m.stats:
                if isinstance(value, bool):
                    self.loader.at(file, kloc, f"stat '{key}' is set to a number, not {value}")
                set_stats[key] = int(value)
            else:
                self.unknown(file, kloc, "flag or stat", key, [*self.m.flags, *self.m.stats])
        for key in fx.add:
            if key not in self.m.stats:
                self.unknown(file, (*loc, "add", key), "stat", key, self.m.stats)
        if fx.infect and self.m.infection is None:
            self.loader.at(
                file,
                (*loc, "infect"),
                "`infect` needs an [infection] table in story.toml (countdown, zombie_scene)",
            )
        when = self.condition(file, (*loc, "when"), fx.when)
        return EffectsPlan(give, take, set_flags, set_stats, dict(fx.add), fx.infect, fx.cure, when)

    def counts(self, file: _File, loc: Loc, value: list[str] | dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        if not value:
            return out
        pairs: Iterable[tuple[str, int]] = (
            value.items() if isinstance(value, dict) else ((v, 1) for v in value)
        )
        for item, n in pairs:
            if item not in self.m.items:
                self.unknown(file, loc, "item", item, self.m.items)
                continue
            out[item] = out.get(item, 0) + n
        return out

    def unknown(self, file: _File, loc: Loc, kind: str, name: str, known: Iterable[str]) -> None:
        line, col = file.locate_in_value(loc, name)
        hint = did_you_mean(name, list(known)) or "; declare it in story.toml or fix the name"
        self.loader.report(file, line, col, f"unknown {kind} '{name}'{hint}")

    # ---- the whole story

    def link(self) -> Story | None:
        stats, items, outcomes = self.globals()
        scenes = {sid: self.scene(f, sid, s) for sid, (f, s) in self.scenes.items()}
        if self.loader.failed:
            return None
        endings: dict[str, str] = {}
        for plan in scenes.values():
            if plan.ending is not None:
                endings.setdefault(plan.ending.id, plan.ending.title)
        story = Story(
            info=self.m.story,
            root=self.loader.root,
            files=(self.mfile.path, *sorted({f.path for f, _ in self.scenes.values()})),
            stats=stats,
            flags=self.m.flag_descriptions(),
            items=items,
            scenes=scenes,
            infection=self.m.infection,
            outcomes=outcomes,
            endings=endings,
            messages=self.m.messages,
            defaults=self.m.defaults,
            visible_flags=frozenset(f for f in self.m.flags if self.m.flag(f).visible),
            ending_hints={
                p.ending.id: p.ending.hint
                for p in scenes.values()
                if p.ending is not None and p.ending.hint
            },
        )
        check_flow(story, self.report_flow, self.warn_flow)
        if self.loader.failed:
            return None
        self.warn_unused(story)
        warnings = tuple(d for d in self.loader.diagnostics if d.severity == "warning")
        return replace(story, warnings=warnings)

    def globals(
        self,
    ) -> tuple[dict[str, StatPlan], dict[str, ItemPlan], tuple[OutcomePlan, ...]]:
        """Compile what the manifest declares: stats, items and infection outcomes."""
        m, mf = self.m, self.mfile
        for key in set(m.flags) & set(m.stats):
            self.loader.at(mf, ("flags", key), f"'{key}' is both a flag and a stat; rename one")
        self.scene_ref(mf, ("story", "start"), m.story.start)
        stats: dict[str, StatPlan] = {}
        for sid, stat in m.stats.items():
            self.scene_ref(mf, ("stats", sid, "at_min"), stat.at_min)
            self.scene_ref(mf, ("stats", sid, "at_max"), stat.at_max)
            vis: CompiledCondition | bool = (
                stat.visible
                if isinstance(stat.visible, bool)
                else (self.condition(mf, ("stats", sid, "visible"), stat.visible) or True)
            )
            stats[sid] = StatPlan(sid, stat, vis)
        outcomes: list[OutcomePlan] = []
        if m.infection is not None:
            inf = m.infection
            self.scene_ref(mf, ("infection", "zombie_scene"), inf.zombie_scene)
            if inf.hunger_stat is not None and inf.hunger_stat not in m.stats:
                self.unknown(mf, ("infection", "hunger_stat"), "stat", inf.hunger_stat, m.stats)
            for i, o in enumerate(inf.outcomes):
                cond = self.condition(mf, ("infection", "outcomes", i, "when"), o.when)
                outcomes.append(OutcomePlan(cond, o.hybrid_chance))
            if inf.outcomes and inf.outcomes[-1].when is not None:
                self.loader.at(
                    mf,
                    ("infection", "outcomes", len(inf.outcomes) - 1),
                    "the last infection outcome needs no `when`, so every bite has an outcome",
                )
        self.messages(m.messages)
        items: dict[str, ItemPlan] = {}
        for iid, item in m.items.items():
            actions = []
            for i, a in enumerate(item.actions):
                loc: Loc = ("items", iid, "actions", i)
                self.scene_ref(mf, (*loc, "goto"), a.goto)
                actions.append(
                    ActionPlan(
                        i,
                        a.text,
                        self.condition(mf, (*loc, "when"), a.when),
                        a.reason,
                        self.effects(mf, (*loc, "effects"), a.effects),
                        a.goto,
                        a.consume,
                        self.optional_template(mf, (*loc, "response"), a.response),
                    )
                )
            if item.actions:
                self.items_read.add(iid)
            items[iid] = ItemPlan(iid, item, tuple(actions))
        return stats, items, tuple(outcomes)

    def optional_template(self, file: _File, loc: Loc, text: str | None) -> Template | None:
        return None if text is None else self.template(file, loc, text)

    def messages(self, messages: Messages) -> None:
        """The engine's own sentences may name only the fields each one is given."""
        for key, fields in MESSAGE_FIELDS.items():
            text = getattr(messages, key)
            for m in re.finditer(r"\{([^{}]*)\}", text):
                if m.group(1) not in fields:
                    allowed = ", ".join(f"{{{f}}}" for f in fields)
                    self.loader.at(
                        self.mfile,
                        ("messages", key),
                        f"messages.{key}: unknown field '{m.group()}' (this message can use "
                        f"{allowed})",
                    )

    def branches(self, file: _File, loc: Loc, branch: list[Branch]) -> tuple[BranchPlan, ...]:
        out = []
        for j, b in enumerate(branch):
            self.scene_ref(file, (*loc, j, "goto"), b.goto)
            when = self.condition(file, (*loc, j, "when"), b.when)
            out.append(BranchPlan(b.goto, b.weight, when))
        return tuple(out)

    def scene(self, f: _File, sid: str, s: Scene) -> ScenePlan:
        base: Loc = (sid,)
        defaults = f.defaults or self.m.defaults
        variants = []
        for i, v in enumerate(s.variants):
            cond = self.condition(f, (sid, "variants", i, "when"), v.when)
            text = self.template(f, (sid, "variants", i, "text"), v.text)
            if cond is not None:
                variants.append(VariantPlan(cond, text, v.replace))
        choices = []
        for i, c in enumerate(s.choices):
            loc: Loc = (sid, "choices", i)
            self.scene_ref(f, (*loc, "goto"), c.goto)
            self.scene_ref(f, (*loc, "call"), c.call)
            choices.append(
                ChoicePlan(
                    index=i,
                    key=f"{sid}:{i}",
                    text=self.template(f, (*loc, "text"), c.text),
                    goto=c.goto,
                    branches=self.branches(f, (*loc, "branch"), c.branch),
                    when=self.condition(f, (*loc, "when"), c.when),
                    reason=c.reason,
                    hide=(c.if_closed or defaults.if_closed) == "hide",
                    once=c.once,
                    effects=self.effects(f, (*loc, "effects"), c.effects),
                    response=self.optional_template(f, (*loc, "response"), c.response),
                    call=c.call,
                    returns=c.return_,
                )
            )
        if s.ending is not None and s.choices:
            self.loader.at(
                f,
                (sid, "ending"),
                f"ending scene '{sid}' has choices; an ending ends the game: remove the choices "
                "or the ending",
            )
        if s.ending is None and not s.choices and s.next is None and not s.return_:
            self.loader.at(
                f,
                base,
                f"scene '{sid}' has no choices and is not an ending; add a [[{sid}.choices]], "
                f'`next = "scene_id"` or an `ending = {{ id = "...", title = "..." }}`',
            )
        if s.call is not None and s.next is None and not s.choices:
            self.loader.at(
                f,
                (sid, "call"),
                f"scene '{sid}' calls '{s.call}' but has nowhere to go on when it returns; "
                'add `next = "scene_id"` or choices',
            )
        self.scene_ref(f, (sid, "call"), s.call)
        if isinstance(s.next, str):
            self.scene_ref(f, (sid, "next"), s.next)
            nexts: tuple[BranchPlan, ...] = (BranchPlan(s.next, 1, None),)
        else:
            nexts = self.branches(f, (sid, "next"), s.next or [])
        return ScenePlan(
            id=sid,
            title=s.title or "",
            text=self.template(f, (sid, "text"), s.text),
            variants=tuple(variants),
            on_enter=self.effects(f, (sid, "on_enter"), s.on_enter),
            choices=tuple(choices),
            tags=tuple(s.tags),
            ending=s.ending,
            path=f.path,
            next=nexts,
            call=s.call,
            returns=s.return_,
        )

    def report_flow(self, sid: str, key: str | None, message: str) -> None:
        file = self.scenes[sid][0]
        self.loader.at(file, (sid, key) if key else (sid,), message)

    def warn_flow(self, sid: str, key: str | None, message: str) -> None:
        file = self.scenes[sid][0]
        self.loader.at(file, (sid, key) if key else (sid,), message, "warning")

    # ---- warnings

    def warn_unused(self, story: Story) -> None:
        for sid in sorted(set(story.scenes) - reachable_scenes(story)):
            file = self.scenes[sid][0]
            what = "ending" if story.scenes[sid].ending else "scene"
            self.loader.at(
                file,
                (sid,),
                f"{what} '{sid}' can never be reached from the start scene "
                f"'{story.info.start}'; add a choice that goes to it, or remove it",
                "warning",
            )
        mf = self.mfile
        for iid in self.m.items:
            if iid not in self.items_given:
                self.loader.at(
                    mf,
                    ("items", iid),
                    f"item '{iid}' is never given; add `give = [\"{iid}\"]` to some effects",
                    "warning",
                )
            elif iid not in self.items_read:
                self.loader.at(
                    mf,
                    ("items", iid),
                    f"item '{iid}' is never used: no condition asks has({iid}) and it has no "
                    "actions",
                    "warning",
                )
        for flag in self.m.flags:
            if flag not in self.flags_set:
                self.loader.at(
                    mf, ("flags", flag), f"flag '{flag}' is never set by any effect", "warning"
                )
            elif flag not in self.flags_read:
                self.loader.at(
                    mf,
                    ("flags", flag),
                    f"flag '{flag}' is set but no condition reads it",
                    "warning",
                )


def reachable_scenes(story: Story) -> set[str]:
    """Scenes reachable from the start by choices, item actions, stat bounds or a bite."""
    roots = [story.info.start]
    for item in story.items.values():
        roots += [a.goto for a in item.actions if a.goto]
    for sp in story.stats.values():
        roots += [s for s in (sp.stat.at_min, sp.stat.at_max) if s]
    if story.infection is not None:
        roots.append(story.infection.zombie_scene)
    seen: set[str] = set()
    todo = [r for r in roots if r in story.scenes]
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        todo.extend(t for t in story.scenes[sid].targets if t not in seen)
    return seen
