"""`Game`: the rules, and the only thing front ends talk to.

A front end reads `title`, `text`, `choices`, `status`, `inventory`, `ended` and `events`,
and acts with `choose`, `use_item` and `undo`. It never makes a story decision itself.

What the player reads after a step is a page: the choice's response, then the text of every
scene the flow passed through (`next`, `call`, `return`) until one with choices or an ending.
Every word on it comes from the story, including the engine's own notices (`[messages]`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from game.engine.outcomes import SEEDED, Outcomes, first_open, open_branches
from game.engine.rng import seed_state
from game.engine.state import UNDO_LIMIT, GameState, LogEntry, Snapshot
from game.story.story import BranchPlan, ChoicePlan, EffectsPlan, ScenePlan, Story
from game.story.text import Template

MAX_REDIRECTS = 8
"""How many forced scene changes (stat bounds, turning) one step may chain before stopping."""
MAX_HOPS = 200
"""How many scenes one page may pass through (`next`, `call`, `return`) before it stops; the
checker rules out loops, so only a story edited under a running game meets this."""

STAY, GO = "stay:", "go:"
"""Call-stack entries: where a subroutine's `return` leads. `stay:X` shows scene X's choices
again (the call was made from X); `go:X` enters X."""


class GameError(Exception):
    """A request the rules refuse (a closed choice, an item not carried); the game goes on."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in the last step, for the front end to announce.

    kind is one of: gain, lose, stat, bitten, hybrid, zombie, cured, hunger, ending.
    """

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ChoiceView:
    text: str
    open: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class StatView:
    id: str
    name: str
    value: int
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class ActionView:
    text: str
    open: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class ItemView:
    id: str
    name: str
    description: str
    count: int
    actions: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class EndingView:
    id: str
    title: str


@functools.lru_cache(maxsize=8192)
def _open_view(plan: ChoicePlan) -> ChoiceView:
    """The view of an always-open choice with fixed text: the same at every visit."""
    return ChoiceView(plan.text.render_constant(), True, None)


class Game:
    """A story being played: `Story` (read-only) plus `GameState` (everything that changes)."""

    def __init__(self, story: Story, state: GameState, outcomes: Outcomes = SEEDED) -> None:
        self.story = story
        self.state = state
        self.outcomes = outcomes
        self.events: list[Event] = []
        self.keep_log = True
        """Write each page to the state's log (tools that only explore may turn it off)."""
        self.entered: list[str] = []
        """The scenes entered in the last step, in order."""
        self._choices: list[tuple[ChoicePlan, ChoiceView]] | None = None
        self._undo_point: Snapshot | None = None
        self._page: list[str] = []
        self._page_title: str | None = None
        self._text: str | None = None  # the current page as rendered on arrival

    @classmethod
    def new(
        cls, story: Story, player: str | None = None, seed: int = 0, outcomes: Outcomes = SEEDED
    ) -> Game:
        state = GameState(
            story_id=story.id,
            player=(player or "").strip()[:40] or story.info.default_player,
            seed=seed,
            rng=seed_state(seed),
            scene=story.info.start,
            stats={k: s.stat.start for k, s in story.stats.items()},
        )
        game = cls(story, state, outcomes)
        game._start_page()
        game._flow(story.info.start)
        game._end_page()
        return game

    # ---------------------------------------------------------------- reading

    @property
    def scene(self) -> ScenePlan:
        return self.story.scenes[self.state.scene]

    @property
    def title(self) -> str:
        """The page's title: its first titled scene's, else the page before's."""
        log = self.state.log
        if log and log[-1].title:
            return log[-1].title
        return self.scene.title or self.story.title

    @property
    def text(self) -> str:
        """The current page: response and scene texts, fields filled (markup kept)."""
        if self._text is None:
            log = self.state.log
            self._text = log[-1].text if log else self.render_scene(self.scene)
        return self._text

    def render_scene(self, scene: ScenePlan) -> str:
        """A scene's text as the story writes it for the state now (variants applied)."""
        s = self.state
        seen = s.visits.get(scene.id, 1)
        text = scene.text.render(s, s.player, seen, scene.id, s.seed)
        for i, v in enumerate(scene.variants):
            if v.when.test(s):
                vt = v.text.render(s, s.player, seen, f"{scene.id}~{i}", s.seed)
                text = vt if v.replace else f"{text.rstrip()}\n\n{vt}"
        return text

    @property
    def choices(self) -> list[ChoiceView]:
        """The choices to show, in order; hidden closed ones and taken once-choices left out."""
        return [view for _, view in self._open_choices()]

    def choice_plans(self) -> list[ChoicePlan]:
        """The plan behind each shown choice (indexes as in `choices`): for tools."""
        return [plan for plan, _ in self._open_choices()]

    def _open_choices(self) -> list[tuple[ChoicePlan, ChoiceView]]:
        if self._choices is not None:
            return self._choices
        s = self.state
        out: list[tuple[ChoicePlan, ChoiceView]] = []
        if s.ending is None:
            seen = s.visits.get(s.scene, 1)
            for c in self.scene.choices:
                if c.once and c.key in s.once_taken:
                    continue
                if c.when is None and c.text.constant:
                    out.append((c, _open_view(c)))
                    continue
                is_open = c.when is None or c.when.test(s)
                if not is_open and c.hide:
                    continue
                reason = None
                if not is_open and c.when is not None:
                    reason = c.reason or c.when.why_not(s)
                text = c.text.render(s, s.player, seen, c.key, s.seed)
                out.append((c, ChoiceView(text, is_open, reason)))
        self._choices = out
        return out

    @property
    def ended(self) -> EndingView | None:
        e = self.scene.ending
        if self.state.ending is None or e is None:
            return None
        return EndingView(e.id, e.title)

    @property
    def infection(self) -> str:
        return self.state.infection

    @property
    def stage_label(self) -> str | None:
        """What the status line calls the infection stage; None in a story without one."""
        inf = self.story.infection
        return None if inf is None else str(getattr(inf.labels, self.state.infection))

    @property
    def status(self) -> list[StatView]:
        """The stats the player may see now (a stat's `visible` may depend on the state)."""
        out = []
        for sid, sp in self.story.stats.items():
            vis = sp.visible if isinstance(sp.visible, bool) else sp.visible.test(self.state)
            if vis:
                st = sp.stat
                out.append(
                    StatView(sid, st.name, self.state.stats.get(sid, st.start), st.min, st.max)
                )
        return out

    @property
    def inventory(self) -> list[ItemView]:
        out = []
        for iid, count in self.state.inventory.items():
            plan = self.story.items.get(iid)
            if plan is None or count <= 0:
                continue
            actions = []
            for a in plan.actions:
                ok = a.when is None or a.when.test(self.state)
                reason = None if ok or a.when is None else (a.reason or a.when.why_not(self.state))
                actions.append(ActionView(a.text, ok, reason))
            out.append(ItemView(iid, plan.name, plan.item.description, count, tuple(actions)))
        return out

    @property
    def can_undo(self) -> bool:
        return bool(self.state.undo)

    @property
    def is_stuck(self) -> bool:
        """No open choice outside an ending: a story bug the playtest tool looks for."""
        return self.state.ending is None and not any(v.open for v in self.choices)

    # ---------------------------------------------------------------- acting

    def choose(self, index: int) -> list[Event]:
        """Take choice `index` (0-based, of `choices`); returns the events of this step."""
        if self.state.ending is not None:
            raise GameError("the story has ended")
        options = self._open_choices()
        if not 0 <= index < len(options):
            raise GameError(f"there is no choice {index + 1}")
        plan, view = options[index]
        if not view.open:
            raise GameError(f"that way is closed: {view.reason}")
        self._begin(view.text)
        s = self.state
        if plan.once:
            s.once_taken = s.once_taken | {plan.key}
        taken = self._count(plan.key)
        redirect = self._apply(plan.effects)
        self._start_page()
        self._respond(plan.response, taken, plan.key)
        if redirect:
            target: str | None = redirect
        elif plan.returns:
            target = self._pop_call()
        else:
            after = STAY + s.scene if plan.stays else GO + self._next_of(plan.branches, plan.goto)
            if plan.call:
                self._push_call(after)
                target = plan.call
            else:
                target = after
        self._step(target)
        return self.events

    def use_item(self, item_id: str, action: int = 0) -> list[Event]:
        """Use an item from the inventory by its action `action` (0-based)."""
        if self.state.ending is not None:
            raise GameError("the story has ended")
        plan = self.story.items.get(item_id)
        if plan is None or self.state.inventory.get(item_id, 0) <= 0:
            raise GameError("you are not carrying that")
        if not 0 <= action < len(plan.actions):
            raise GameError(f"there is nothing to do with the {plan.name}")
        a = plan.actions[action]
        if a.when is not None and not a.when.test(self.state):
            raise GameError(f"you cannot do that now: {a.reason or a.when.why_not(self.state)}")
        label = f"{a.text} ({plan.name})"
        new_page = a.goto is not None or a.response is not None
        self._begin(label if new_page else None)
        s = self.state
        key = f"item:{item_id}:{action}"
        taken = self._count(key)
        if a.consume:
            self._lose(item_id, 1)
        redirect = self._apply(a.effects)
        self._start_page()
        self._respond(a.response, taken, key)
        target = redirect or a.goto
        if target or a.response is not None:
            self._step(target or STAY + s.scene)
        else:
            # The scene goes on: the use and what it did join the entry's events, so the
            # history keeps every item used, not only the last.
            s.turn += 1
            if s.log:
                s.log[-1].events = [*s.log[-1].events, label, *(e.text for e in self.events)]
        return self.events

    def undo(self) -> bool:
        """Go back one step; False when there is nothing to undo."""
        s = self.state
        if not s.undo:
            return False
        s.restore(s.undo.pop())
        self._undo_point = None
        self._text = None
        self.events = []
        self._choices = None
        return True

    # ---------------------------------------------------------------- outside the rules

    def checkpoint(self, label: str) -> None:
        """Take an undo point before a change made outside the rules (the dev tools' edits)."""
        self._begin(label)

    def enter(self, scene_id: str) -> None:
        """Enter `scene_id` outside any choice (dev tools): the scene's on_enter effects run and
        the visit is counted and logged as usual, but no turn passes. Call `checkpoint` first."""
        if scene_id not in self.story.scenes:
            raise GameError(f"there is no scene '{scene_id}'")
        self.state.ending = None
        self._start_page()
        self._flow(scene_id)
        self._end_page()

    # ---------------------------------------------------------------- the rules

    def _begin(self, label: str | None) -> None:
        """Start a step: an undo point, and the choice `label` written on the current entry."""
        s = self.state
        self._undo_point = s.snapshot()
        s.undo.append(self._undo_point)
        if len(s.undo) > UNDO_LIMIT:
            del s.undo[0]
        if s.log and label is not None:
            s.log[-1].choice = label
        self.events = []
        self._choices = None
        self._text = None

    def _count(self, key: str) -> int:
        """Count one more taking of a choice or action (in place: undo points list the key)."""
        chosen = self.state.chosen
        taken = chosen[key] = chosen.get(key, 0) + 1
        if self._undo_point is not None:
            self._undo_point.counted.append(key)
        return taken

    def _start_page(self) -> None:
        self._page = []
        self._page_title = None
        self.entered = []

    def _respond(self, response: Template | None, taken: int, key: str) -> None:
        if response is not None:
            s = self.state
            self._page.append(response.render(s, s.player, taken, key, s.seed))

    def _next_of(self, branches: tuple[BranchPlan, ...], goto: str | None) -> str:
        """Where a choice goes: its `goto`, or a branch drawn under the branch rule."""
        if goto is not None:
            return goto
        return self.outcomes.branch(self.state, open_branches(self.state, branches)).goto

    def _next_scene(self, scene: ScenePlan) -> str:
        """Where a scene hands on: the first `next` branch that holds, in order."""
        return self.outcomes.branch(self.state, first_open(self.state, scene.next)).goto

    def _push_call(self, after: str) -> None:
        self.state.calls = [*self.state.calls, after]

    def _pop_call(self) -> str:
        s = self.state
        if not s.calls:  # the checker rules this out; a dev-mode jump can still get here
            return STAY + s.scene
        after = s.calls[-1]
        s.calls = s.calls[:-1]
        return after

    def _step(self, target: str | None) -> None:
        """The rest of a step: a turn passes, the infection runs its course when the player
        moves on, and the flow reaches the next place to stop."""
        s = self.state
        s.turn += 1
        if target is not None and not target.startswith(STAY):
            target = self._progress_infection() or target
        self._flow(target or STAY + s.scene)
        self._end_page()

    def _flow(self, target: str) -> None:
        """Enter scenes until one waits for the player: choices, an ending, or a stay."""
        s = self.state
        redirects = 0
        for _ in range(MAX_HOPS):
            if target.startswith(STAY):
                s.scene = target[len(STAY) :]
                return
            scene_id = target.removeprefix(GO)
            scene = self.story.scenes[scene_id]
            s.scene = scene_id
            s.visits[scene_id] = s.visits.get(scene_id, 0) + 1
            self.entered.append(scene_id)
            if self._undo_point is not None:
                self._undo_point.entered.append(scene_id)
            redirect = self._apply(scene.on_enter)
            if self._page_title is None and scene.title:
                self._page_title = scene.title
            self._page.append(
                self.render_scene(scene) if self.keep_log or s.visits[scene_id] <= 1 else ""
            )
            if (
                redirect
                and redirect != scene_id
                and redirects < MAX_REDIRECTS
                and scene.ending is None
            ):
                redirects += 1
                target = redirect
                continue
            if scene.ending is not None:
                s.ending = scene.ending.id
                s.countdown = None
                self._event("ending", self._say("ending", scene.ending.title))
                return
            if scene.call:
                self._push_call(STAY + scene_id if not scene.next else GO + self._next_scene(scene))
                target = scene.call
            elif scene.next:
                target = self._next_scene(scene)
            elif scene.returns:
                target = self._pop_call()
            else:
                return

    def _end_page(self) -> None:
        s, page = self.state, self._page
        # The common page is one scene, kept exactly as rendered.
        text = page[0] if len(page) == 1 else "\n\n".join(p.strip("\n") for p in page if p.strip())
        self._text = text
        self._choices = None
        if not self.keep_log:
            return
        title = self._page_title or (s.log[-1].title if s.log else self.scene.title)
        s.log.append(LogEntry(turn=s.turn, scene=s.scene, title=title, text=text))
        s.log[-1].events = [e.text for e in self.events]

    def _progress_infection(self) -> str | None:
        s, inf = self.state, self.story.infection
        if inf is None:
            return None
        if s.infection == "bitten" and s.countdown is not None:
            s.countdown -= 1
            if s.countdown <= 0:
                s.countdown = None
                chance = 0.0
                for o in self.story.outcomes:
                    if o.when is None or o.when.test(s):
                        chance = o.hybrid_chance
                        break
                if self.outcomes.turns_hybrid(s, chance):
                    s.infection = "hybrid"
                    self._event("hybrid", inf.messages.hybrid)
                    return None
                s.infection = "zombie"
                self._event("zombie", inf.messages.zombie)
                return inf.zombie_scene
            return None
        if s.infection == "hybrid" and inf.hunger_stat and inf.hunger_rise:
            return self._add_stat(inf.hunger_stat, inf.hunger_rise, quiet=True)
        return None

    def _event(self, kind: str, text: str) -> None:
        self.events.append(Event(kind, text))

    def _say(self, key: str, item: str = "", count: int = 0) -> str:
        """One of the story's `[messages]` about an item or an ending, its fields filled."""
        text: str = getattr(self.story.messages, key)
        return text.replace("{item}", item).replace("{ending}", item).replace("{count}", str(count))

    def _apply(self, effects: tuple[EffectsPlan, ...]) -> str | None:
        """Apply effects in order; returns a scene to go to when a stat hit a bound that has
        one."""
        redirect: str | None = None
        for fx in effects:
            if fx.when is None or fx.when.test(self.state):
                redirect = self._apply_one(fx) or redirect
        return redirect

    def _apply_one(self, fx: EffectsPlan) -> str | None:
        s = self.state
        redirect: str | None = None
        if fx.give:
            inventory = dict(s.inventory)
            for iid, n in fx.give.items():
                inventory[iid] = min(inventory.get(iid, 0) + n, 999)
                name = self.story.items[iid].name
                if n > 1:
                    self._event("gain", self._say("gain_many", name, n))
                else:
                    self._event("gain", self._say("gain", name))
            s.inventory = inventory
        for iid, n in fx.take.items():
            self._lose(iid, n)
        if fx.set_flags:
            s.flags = {**s.flags, **fx.set_flags}
        for sid, v in fx.set_stats.items():
            redirect = self._add_stat(sid, v - s.stats.get(sid, 0)) or redirect
        for sid, d in fx.add.items():
            redirect = self._add_stat(sid, d) or redirect
        inf = self.story.infection
        if fx.cure and s.infection in ("bitten", "hybrid") and inf is not None:
            s.infection, s.countdown = "human", None
            self._event("cured", inf.messages.cured)
        if fx.infect and s.infection == "human" and inf is not None:
            s.infection = "bitten"
            s.countdown = inf.countdown
            self._event("bitten", inf.messages.bitten)
        return redirect

    def _lose(self, iid: str, n: int) -> None:
        s = self.state
        have = s.inventory.get(iid, 0)
        if have <= 0:
            return
        left = have - n
        inventory = dict(s.inventory)
        if left > 0:
            inventory[iid] = left
        else:
            del inventory[iid]
        s.inventory = inventory
        self._event("lose", self._say("lose", self.story.items[iid].name))

    def _add_stat(self, sid: str, delta: int, quiet: bool = False) -> str | None:
        if delta == 0:
            return None
        s, sp = self.state, self.story.stats[sid]
        st = sp.stat
        old = s.stats.get(sid, st.start)
        new = max(st.min, min(st.max, old + delta))
        s.stats = {**s.stats, sid: new}
        visible = sp.visible if isinstance(sp.visible, bool) else sp.visible.test(s)
        if visible and new != old and not quiet and st.announce:
            m = self.story.messages
            text = m.stat_up if new > old else m.stat_down
            text = text.replace("{stat}", st.name).replace("{delta}", str(abs(new - old)))
            self._event("stat", text.replace("{value}", str(new)))
        inf = self.story.infection
        is_hunger = inf is not None and sid == inf.hunger_stat
        if inf is not None and is_hunger and visible and new > old and new >= st.max - 2:
            self._event("hunger", inf.messages.hunger)
        if delta < 0 and new == st.min and st.at_min:
            return st.at_min
        if delta > 0 and new == st.max and st.at_max:
            return st.at_max
        return None
