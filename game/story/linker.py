"""Cross-references: every name in the validated scene models resolved, every condition
and text compiled into the plans the engine runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from game.story.bounds import bound_warnings
from game.story.conditions import (
    Call,
    CompiledCondition,
    ConditionError,
    Names,
    Node,
    compile_condition,
    did_you_mean,
    walk,
)
from game.story.flow import ChoiceFlow, FlowNode, check_flow, flow_node
from game.story.manifestlink import link_globals
from game.story.model import NO_EFFECTS as NO_EFFECTS_TABLE
from game.story.model import SCENE_TEXT_LIMIT, Branch, Effects, Manifest, Scene
from game.story.plans import ScenePlans
from game.story.schema_errors import Loc
from game.story.sourcefile import Reporter, SourceFile
from game.story.story import (
    NO_EFFECTS,
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
from game.story.text import Template, TextError
from game.story.textlang import compile_template, is_plain
from game.story.usage import warn_unused

PLAIN = Template(("",))
"""What a check returns for a plain text: the check keeps no plan."""

CHECKED = EffectsPlan({}, {}, {}, {}, {}, False, False)
"""What a check returns for a table of effects: the check keeps no plan."""


class Linker:
    """Resolves every name in the validated models and compiles conditions and texts."""

    def __init__(
        self,
        loader: Reporter,
        mfile: SourceFile,
        manifest: Manifest,
        scenes: Mapping[str, tuple[SourceFile, Scene]],
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
        self.checking = False
        """Scenes are being checked, their plans not kept: a plain text needs no template."""
        self.scene_files: dict[str, SourceFile] = {}
        """Files of scenes checked elsewhere (`twocores`), which `scenes` does not hold."""
        self.bound_warnings: list[tuple[str, int]] = []
        """(condition, index in the diagnostics) of each warning a stat's bounds gave."""

    # ---- small checks

    def scene_ref(self, file: SourceFile, loc: Loc, target: str | None) -> None:
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

    def condition(self, file: SourceFile, loc: Loc, src: str | None) -> CompiledCondition | None:
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
        self._note_reads(compiled.tree)
        for column, message in bound_warnings(compiled.tree, self.m.stats):
            line, col = file.locate_in_value(loc, src, column)
            self.warn_bound(src, file, line, col, message)
        self._conditions[src] = compiled
        return compiled

    def _note_reads(self, node: Node) -> None:
        for sub in walk(node):
            if isinstance(sub, Call) and sub.func in ("has", "count") and sub.args:
                self.items_read.add(str(getattr(sub.args[0], "name", "")))
            elif hasattr(sub, "name") and not isinstance(sub, Call):
                self.flags_read.add(str(sub.name))

    def conditions_met(self) -> set[str]:
        """Every condition compiled so far (each warned about where first met)."""
        return set(self._conditions)

    def warn_bound(self, src: str, file: SourceFile, line: int, col: int, message: str) -> None:
        """Warned once a condition, where it is first met: remembered, so the checks of
        another process (`twocores`) can leave out the ones this one has met first."""
        self.loader.report(file, line, col, f'in condition "{src}": {message}', "warning")
        self.bound_warnings.append((src, len(self.loader.diagnostics) - 1))

    def template(self, file: SourceFile, loc: Loc, text: str) -> Template:
        if self.checking and is_plain(text):
            return PLAIN  # nothing to check, and the check keeps no plan

        def condition(src: str, at: int) -> CompiledCondition:
            try:
                compiled = self._conditions.get(src) or compile_condition(src, self.names)
            except ConditionError as e:
                raise TextError(f'in condition "{src}": {e.message}', at + e.column - 1) from None
            if src not in self._conditions:
                self._note_reads(compiled.tree)
                for column, message in bound_warnings(compiled.tree, self.m.stats):
                    line, col = file.map.text_line(loc, text, at + column - 1)
                    self.warn_bound(src, file, line, col, message)
                self._conditions[src] = compiled
            return compiled

        try:
            return compile_template(text, self.names.stats, self.names.items, condition)
        except TextError as e:
            line, col = file.map.text_line(loc, text, e.offset)
            self.loader.report(file, line, col, e.message)
            return Template((text,))

    def effects(
        self, file: SourceFile, loc: Loc, fx: Effects | list[Effects]
    ) -> tuple[EffectsPlan, ...]:
        """An ordered tuple of effect tables; a lone table without `when` is one step."""
        if fx is NO_EFFECTS_TABLE:  # what most choices have: the model's shared default
            return NO_EFFECTS
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

    def effect(self, file: SourceFile, loc: Loc, fx: Effects) -> EffectsPlan:
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
        if self.checking:
            return CHECKED  # checked: the plan is made when play reaches the scene
        return EffectsPlan(give, take, set_flags, set_stats, dict(fx.add), fx.infect, fx.cure, when)

    def counts(
        self, file: SourceFile, loc: Loc, value: list[str] | dict[str, int]
    ) -> dict[str, int]:
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

    def unknown(
        self, file: SourceFile, loc: Loc, kind: str, name: str, known: Iterable[str]
    ) -> None:
        line, col = file.locate_in_value(loc, name)
        hint = did_you_mean(name, list(known)) or "; declare it in story.toml or fix the name"
        self.loader.report(file, line, col, f"unknown {kind} '{name}'{hint}")

    # ---- the whole story

    def link(self) -> Story | None:
        """Check the whole story; its scenes' plans are compiled when play reaches them."""
        stats, items, outcomes = self.globals()
        graph = self.check_scenes(self.scenes)
        if self.loader.failed:
            return None
        return self.finish(stats, items, outcomes, graph, ScenePlans(self, self.scenes))

    def check_scenes(self, scenes: Mapping[str, tuple[SourceFile, Scene]]) -> dict[str, FlowNode]:
        self.checking = True
        try:
            return {sid: self.check_scene(f, sid, s) for sid, (f, s) in scenes.items()}
        finally:
            self.checking = False

    def file_of(self, sid: str) -> SourceFile:
        return self.scene_files[sid] if sid in self.scene_files else self.scenes[sid][0]

    def finish(
        self,
        stats: dict[str, StatPlan],
        items: dict[str, ItemPlan],
        outcomes: tuple[OutcomePlan, ...],
        graph: dict[str, FlowNode],
        plans: ScenePlans,
    ) -> Story | None:
        """The checked story: its scenes (`graph`) checked one by one, now the checks of the
        whole (flow, what is never used), which give its warnings."""
        endings: dict[str, str] = {}
        hints: dict[str, str] = {}
        for node in graph.values():
            if node.ending is not None:
                endings.setdefault(node.ending.id, node.ending.title)
                if node.ending.hint:
                    hints[node.ending.id] = node.ending.hint
        story = Story(
            info=self.m.story,
            root=self.loader.root,
            files=(self.mfile.path, *sorted({self.file_of(sid).path for sid in graph})),
            stats=stats,
            flags=self.m.flag_descriptions(),
            items=items,
            scenes=plans,
            infection=self.m.infection,
            outcomes=outcomes,
            endings=endings,
            messages=self.m.messages,
            defaults=self.m.defaults,
            visible_flags=frozenset(f for f in self.m.flags if self.m.flag(f).visible),
            ending_hints=hints,
        )
        check_flow(story, self.report_flow, self.warn_flow, graph)
        if self.loader.failed:
            return None
        warn_unused(story, self, graph)
        warnings = tuple(sorted(d for d in self.loader.diagnostics if d.severity == "warning"))
        return replace(story, warnings=warnings)

    def globals(
        self,
    ) -> tuple[dict[str, StatPlan], dict[str, ItemPlan], tuple[OutcomePlan, ...]]:
        """Compile what the manifest declares: stats, items and infection outcomes."""
        return link_globals(self)

    def optional_template(self, file: SourceFile, loc: Loc, text: str | None) -> Template | None:
        return None if text is None else self.template(file, loc, text)

    def branches(self, file: SourceFile, loc: Loc, branch: list[Branch]) -> tuple[BranchPlan, ...]:
        out = []
        for j, b in enumerate(branch):
            self.scene_ref(file, (*loc, j, "goto"), b.goto)
            when = self.condition(file, (*loc, j, "when"), b.when)
            out.append(BranchPlan(b.goto, b.weight, when))
        return tuple(out)

    def scene(self, f: SourceFile, sid: str, s: Scene) -> ScenePlan:
        """Scene `s` compiled into the plan the engine runs."""
        plan = self._scene(f, sid, s)
        assert isinstance(plan, ScenePlan)
        return plan

    def check_scene(self, f: SourceFile, sid: str, s: Scene) -> FlowNode:
        """Every check of `scene`, without compiling the plan (`checking`): only what the
        flow checks need (the plan is compiled when play reaches the scene)."""
        node = self._scene(f, sid, s)
        assert isinstance(node, FlowNode)
        return node

    def _scene(self, f: SourceFile, sid: str, s: Scene) -> ScenePlan | FlowNode:
        base: Loc = (sid,)
        defaults = f.defaults or self.m.defaults
        shown = len(s.text) + sum(len(v.text) for v in s.variants)
        if self.checking and shown > SCENE_TEXT_LIMIT:  # a plan is only made of a checked scene
            self.loader.at(
                f,
                base,
                f"scene '{sid}' can show {shown:,} characters at once (its text and variants); "
                f"a save holds {SCENE_TEXT_LIMIT:,}: split it into scenes joined by `next`",
            )
        variants = []
        for i, v in enumerate(s.variants):
            cond = self.condition(f, (sid, "variants", i, "when"), v.when)
            text = self.template(f, (sid, "variants", i, "text"), v.text)
            if cond is not None and not self.checking:
                variants.append(VariantPlan(cond, text, v.replace))
        choices: list[ChoicePlan | ChoiceFlow] = []
        for i, c in enumerate(s.choices):
            # What a choice leaves out is skipped here, not in each check: most leave out most.
            loc: Loc = (sid, "choices", i)
            if c.goto is not None:
                self.scene_ref(f, (*loc, "goto"), c.goto)
            if c.call is not None:
                self.scene_ref(f, (*loc, "call"), c.call)
            text = self.template(f, (*loc, "text"), c.text)
            branches = self.branches(f, (*loc, "branch"), c.branch) if c.branch else ()
            when = None if c.when is None else self.condition(f, (*loc, "when"), c.when)
            effects = (
                NO_EFFECTS
                if c.effects is NO_EFFECTS_TABLE
                else self.effects(f, (*loc, "effects"), c.effects)
            )
            response = (
                None if c.response is None else self.template(f, (*loc, "response"), c.response)
            )
            if self.checking:
                choices.append(ChoiceFlow(i, c.goto, branches, c.call, c.return_))
                continue
            choices.append(
                ChoicePlan(
                    index=i,
                    key=f"{sid}:{i}",
                    text=text,
                    goto=c.goto,
                    branches=branches,
                    when=when,
                    reason=c.reason,
                    hide=(c.if_closed or defaults.if_closed) == "hide",
                    once=c.once,
                    effects=effects,
                    response=response,
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
        if s.ending is None and not s.choices and s.next is None and not s.return_ and not s.call:
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
        text = self.template(f, (sid, "text"), s.text)
        on_enter = self.effects(f, (sid, "on_enter"), s.on_enter)
        if self.checking:
            return flow_node(nexts, s.call, s.return_, s.ending, choices)
        return ScenePlan(
            id=sid,
            title=s.title or "",
            text=text,
            variants=tuple(variants),
            on_enter=on_enter,
            choices=tuple(c for c in choices if isinstance(c, ChoicePlan)),
            tags=tuple(s.tags),
            ending=s.ending,
            path=f.path,
            next=nexts,
            call=s.call,
            returns=s.return_,
        )

    def report_flow(self, where: Loc, message: str) -> None:
        self.loader.at(self.file_of(str(where[0])), where, message)

    def warn_flow(self, where: Loc, message: str) -> None:
        self.loader.at(self.file_of(str(where[0])), where, message, "warning")
