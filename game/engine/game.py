"""`Game`: the rules, and the only thing front ends talk to.

A front end reads `title`, `text`, `choices`, `status`, `inventory`, `ended` and `events`,
and acts with `choose`, `use_item` and `undo`. It never makes a story decision itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from game.engine.rng import next_float, seed_state
from game.engine.state import UNDO_LIMIT, GameState, LogEntry, Snapshot
from game.story.story import ChoicePlan, EffectsPlan, ScenePlan, Story

MAX_REDIRECTS = 8
"""How many forced scene changes (stat bounds, turning) one step may chain before stopping."""


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


INFECTION_LABELS = {
    "human": "Human",
    "bitten": "Bitten",
    "hybrid": "Hybrid",
    "zombie": "Turned",
}


@functools.lru_cache(maxsize=8192)
def _open_view(plan: ChoicePlan) -> ChoiceView:
    """The view of an always-open choice with fixed text: the same at every visit."""
    return ChoiceView(plan.text.render_constant(), True, None)


class Game:
    """A story being played: `Story` (read-only) plus `GameState` (everything that changes)."""

    def __init__(self, story: Story, state: GameState) -> None:
        self.story = story
        self.state = state
        self.events: list[Event] = []
        self._choices: list[tuple[ChoicePlan, ChoiceView]] | None = None
        self._undo_point: Snapshot | None = None
        self._text: str | None = None  # the current scene as rendered on arrival

    @classmethod
    def new(cls, story: Story, player: str | None = None, seed: int = 0) -> Game:
        state = GameState(
            story_id=story.id,
            player=(player or "").strip()[:40] or story.info.default_player,
            seed=seed,
            rng=seed_state(seed),
            scene=story.info.start,
            stats={k: s.stat.start for k, s in story.stats.items()},
        )
        game = cls(story, state)
        game._enter(story.info.start, hops=0)
        return game

    # ---------------------------------------------------------------- reading

    @property
    def scene(self) -> ScenePlan:
        return self.story.scenes[self.state.scene]

    @property
    def title(self) -> str:
        return self.scene.title

    @property
    def text(self) -> str:
        """The current scene's text with variants applied and fields filled (markup kept)."""
        if self._text is None:
            self._text = self._render(self.scene)
        return self._text

    def _render(self, scene: ScenePlan) -> str:
        s, player = self.state, self.state.player
        text = scene.text.render(s, player)
        for v in scene.variants:
            if v.when.test(s):
                vt = v.text.render(s, player)
                text = vt if v.replace else f"{text.rstrip()}\n\n{vt}"
        return text

    @property
    def choices(self) -> list[ChoiceView]:
        """The choices to show, in order; hidden closed ones and taken once-choices left out."""
        return [view for _, view in self._open_choices()]

    def _open_choices(self) -> list[tuple[ChoicePlan, ChoiceView]]:
        if self._choices is not None:
            return self._choices
        s = self.state
        out: list[tuple[ChoicePlan, ChoiceView]] = []
        if s.ending is None:
            for c in self.scene.choices:
                if c.once and f"{s.scene}:{c.index}" in s.once_taken:
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
                out.append((c, ChoiceView(c.text.render(s, s.player), is_open, reason)))
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
            s.once_taken = s.once_taken | {f"{s.scene}:{plan.index}"}
        redirect = self._apply(plan.effects)
        target = plan.goto or self._draw_branch(plan)
        self._move(redirect or target)
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
        leaves = a.goto is not None
        self._begin(label if leaves else None)
        if a.consume:
            self._lose(item_id, 1)
        redirect = self._apply(a.effects)
        if redirect or a.goto:
            self._move(redirect or a.goto or "")
        else:
            # The scene goes on: the use and what it did join the entry's events, so the
            # history keeps every item used, not only the last.
            s = self.state
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
        self._enter(scene_id, hops=0)

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

    def _draw_branch(self, plan: ChoicePlan) -> str:
        s = self.state
        # Branches whose condition holds win over the unconditional ones, which are the
        # fallback: "if X go A, else B" needs no weights, and chance is drawn among equals.
        options = [b for b in plan.branches if b.when is not None and b.when.test(s)]
        options = options or [b for b in plan.branches if b.when is None]
        if len(options) == 1:
            return options[0].goto
        total = sum(b.weight for b in options)
        s.rng, roll = next_float(s.rng)
        pick = roll * total
        for b in options:
            pick -= b.weight
            if pick < 0:
                return b.goto
        return options[-1].goto

    def _move(self, target: str) -> None:
        """Change scene: the infection runs its course, hunger rises, then the scene is entered."""
        s = self.state
        s.turn += 1
        redirect = self._progress_infection()
        self._enter(redirect or target, hops=0)

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
                s.rng, roll = next_float(s.rng)
                if roll < chance:
                    s.infection = "hybrid"
                    self._event(
                        "hybrid",
                        "The fever breaks. You are still yourself, and not only yourself: "
                        "you have become a hybrid.",
                    )
                    return None
                s.infection = "zombie"
                self._event("zombie", "The fever takes you. You have turned.")
                return inf.zombie_scene
            return None
        if s.infection == "hybrid" and inf.hunger_stat and inf.hunger_rise:
            return self._add_stat(inf.hunger_stat, inf.hunger_rise, quiet=True)
        return None

    def _enter(self, target: str, hops: int) -> None:
        s = self.state
        s.scene = target
        s.visits[target] = s.visits.get(target, 0) + 1
        if self._undo_point is not None:
            self._undo_point.entered.append(target)
        scene = self.story.scenes[target]
        redirect = self._apply(scene.on_enter)
        if redirect and redirect != target and hops < MAX_REDIRECTS and scene.ending is None:
            self._log_scene(scene)
            self._enter(redirect, hops + 1)
            return
        if scene.ending is not None:
            s.ending = scene.ending.id
            s.countdown = None
            self._event("ending", f"Ending: {scene.ending.title}")
        self._log_scene(scene)
        self._choices = None

    def _log_scene(self, scene: ScenePlan) -> None:
        s = self.state
        self._text = self._render(scene)
        s.log.append(LogEntry(turn=s.turn, scene=scene.id, title=scene.title, text=self._text))
        self._log_events()

    def _log_events(self) -> None:
        if self.state.log:
            self.state.log[-1].events = [e.text for e in self.events]

    def _event(self, kind: str, text: str) -> None:
        self.events.append(Event(kind, text))

    def _apply(self, fx: EffectsPlan) -> str | None:
        """Apply effects; returns a scene to go to when a stat hit a bound that has one."""
        if fx.empty:
            return None
        s = self.state
        redirect: str | None = None
        if fx.give:
            inventory = dict(s.inventory)
            for iid, n in fx.give.items():
                inventory[iid] = min(inventory.get(iid, 0) + n, 999)
                name = self.story.items[iid].name
                self._event("gain", f"You gain {name}" + (f" ×{n}." if n > 1 else "."))
            s.inventory = inventory
        for iid, n in fx.take.items():
            self._lose(iid, n)
        if fx.set_flags:
            s.flags = {**s.flags, **fx.set_flags}
        for sid, v in fx.set_stats.items():
            redirect = self._add_stat(sid, v - s.stats.get(sid, 0)) or redirect
        for sid, d in fx.add.items():
            redirect = self._add_stat(sid, d) or redirect
        if fx.cure and s.infection in ("bitten", "hybrid"):
            s.infection, s.countdown = "human", None
            self._event("cured", "The infection is gone from your blood.")
        if fx.infect and s.infection == "human" and self.story.infection is not None:
            s.infection = "bitten"
            s.countdown = self.story.infection.countdown
            self._event("bitten", "You have been bitten.")
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
        self._event("lose", f"You lose {self.story.items[iid].name}.")

    def _add_stat(self, sid: str, delta: int, quiet: bool = False) -> str | None:
        if delta == 0:
            return None
        s, sp = self.state, self.story.stats[sid]
        st = sp.stat
        old = s.stats.get(sid, st.start)
        new = max(st.min, min(st.max, old + delta))
        s.stats = {**s.stats, sid: new}
        visible = sp.visible if isinstance(sp.visible, bool) else sp.visible.test(s)
        if visible and new != old and not quiet:
            sign = "+" if new > old else "−"
            self._event("stat", f"{st.name} {sign}{abs(new - old)} (now {new}).")
        is_hunger = self.story.infection is not None and sid == self.story.infection.hunger_stat
        if is_hunger and visible and new > old and new >= st.max - 2:
            self._event("hunger", "The hunger is rising. You can smell every living thing nearby.")
        if delta < 0 and new == st.min and st.at_min:
            return st.at_min
        if delta > 0 and new == st.max and st.at_max:
            return st.at_max
        return None
