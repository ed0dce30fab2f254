"""`Game`: the rules, and the only thing front ends talk to (`title`, `text`, `choices`,
`status`, `inventory`, `ended`, `events`; `choose`, `use_item`, `undo`); they never decide
the story. A step shows a page: the choice's response, then the text of every scene the
flow passed through (`next`, `call`, `return`) until one with choices or an ending. Every
word on it comes from the story, including the engine's own notices (`[messages]`).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.calls import GO, STAY, pop_call, push_call
from game.engine.flow import FlowRules, stays
from game.engine.outcomes import SEEDED, Outcomes
from game.engine.rng import seed_state
from game.engine.state import UNDO_LIMIT, GameState, LogEntry, Snapshot
from game.engine.tables import tables_for
from game.engine.views import (
    ChoiceView,
    EndingView,
    Event,
    GameError,
    ItemView,
    StatView,
    item_views,
    stat_views,
)
from game.story.story import ChoicePlan, ScenePlan, Story
from game.story.text import Template

PAGE_LIMIT = 100_000
"""The most a page keeps in the history: what a save's log entry holds (`LogEntry.text`)."""


class Game(FlowRules):
    """A story being played: `Story` (read-only) plus `GameState` (everything that changes)."""

    def __init__(self, story: Story, state: GameState, outcomes: Outcomes = SEEDED) -> None:
        self.story = story
        self.state = state
        self.outcomes = outcomes
        self._tables = tables_for(story)
        self.events: list[Event] = []
        self.keep_log = True
        """Write each page to the state's log (tools that only explore may turn it off)."""
        self.entered: list[str] = []
        """The scenes entered in the last step, in order."""
        self._choices: Sequence[tuple[ChoicePlan, ChoiceView]] | None = None
        self._views: Sequence[ChoiceView] = ()  # the views of `_choices`, in order
        self._undo_point: Snapshot | None = None
        self._page: list[str] = []
        self._page_title: str | None = None
        self._text: str | None = None  # the current page as rendered on arrival
        self._unjoined: list[str] | None = None  # or its parts, while no log is kept

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
            if self._unjoined is not None:
                self._text = _joined(self._unjoined)
            else:
                log = self.state.log
                self._text = log[-1].text if log else self.render_scene(self.scene)
        return self._text

    def render_scene(self, scene: ScenePlan) -> str:
        """A scene's text as the story writes it for the state now (variants applied)."""
        if not scene.variants and scene.text.constant:
            return scene.text.parts[0]  # type: ignore[return-value]
        s = self.state
        f = s.__dict__  # the fields, read without pydantic's attribute hook (`GameState`)
        player, seed = f["player"], f["seed"]
        seen = f["visits"].get(scene.id, 1)
        text = scene.text.render(s, player, seen, scene.id, seed)
        for i, v in enumerate(scene.variants):
            if v.when.test(s):
                vt = v.text.render(s, player, seen, f"{scene.id}~{i}", seed)
                text = vt if v.replace else f"{text.rstrip()}\n\n{vt}"
        return text

    @property
    def choices(self) -> list[ChoiceView]:
        """The choices to show, in order; hidden closed ones and taken once-choices left out."""
        if self._choices is None:
            self._open_choices()
        return list(self._views)

    def open_plans(self) -> list[ChoicePlan | None]:
        """The plan behind each shown choice, None for a closed one (indexes as in
        `choices`): for tools that choose."""
        return [plan if view.open else None for plan, view in self._open_choices()]

    def _open_choices(self) -> Sequence[tuple[ChoicePlan, ChoiceView]]:
        """The (plan, view) of each choice shown, worked out once per step."""
        if self._choices is not None:
            return self._choices
        s = self.state
        f = s.__dict__  # the fields, read without pydantic's attribute hook (`GameState`)
        if f["ending"] is not None:
            self._views = self._choices = ()
            return ()
        table = self._tables[f["scene"]]
        pairs = table.pairs
        if pairs is not None:  # no view of this scene ever changes
            self._choices, self._views = pairs, table.views
            return pairs
        out: list[tuple[ChoicePlan, ChoiceView]] = []
        views: list[ChoiceView] = []
        once_taken = f["once_taken"]
        for c, always, open_view, test, once_key in table.steps:
            if always is not None:
                view = always
            elif once_key is not None and once_key in once_taken:
                continue
            elif test is None or test(s):
                view = open_view or ChoiceView(self._choice_text(c), True, None)
            elif c.hide:
                continue
            else:
                assert c.when is not None
                reason = c.reason or c.when.why_not(s)
                text = open_view.text if open_view is not None else self._choice_text(c)
                view = ChoiceView(text, False, reason)
            out.append((c, view))
            views.append(view)
        self._choices, self._views = out, views
        return out

    def _choice_text(self, c: ChoicePlan) -> str:
        s = self.state
        return c.text.render(s, s.player, s.visits.get(s.scene, 1), c.key, s.seed)

    @property
    def ended(self) -> EndingView | None:
        if self.state.ending is None:
            return None
        e = self.scene.ending
        if e is None:
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
        return stat_views(self.story, self.state)

    @property
    def inventory(self) -> list[ItemView]:
        return item_views(self.story, self.state)

    def open_actions(self) -> list[tuple[str, int]]:
        """Every open item action now, as (item id, 0-based action index), in the order
        `inventory` shows them: for tools that choose (no views, no reasons made)."""
        s, items = self.state, self.story.items
        out = []
        for iid, count in s.inventory.items():
            plan = items.get(iid)
            if plan is None or count <= 0:
                continue
            for i, a in enumerate(plan.actions):
                if a.when is None or a.when.test(s):
                    out.append((iid, i))
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
        # The hot path of play: `_begin`, `_count`, `_start_page` and `_step` written out.
        s = self.state
        if s.ending is not None:
            raise GameError("the story has ended")
        options = self._choices
        if options is None:
            options = self._open_choices()
        if not 0 <= index < len(options):
            raise GameError(f"there is no choice {index + 1}")
        plan, view = options[index]
        if not view.open:
            raise GameError(f"that way is closed: {view.reason}")
        f = s.__dict__  # the fields, read without pydantic's attribute hook (`GameState`)
        log = f["log"]
        last = log[-1] if log else None
        key = plan.key
        self._undo_point = point = s.snapshot([key])  # the key is counted just below
        undo = f["undo"]
        undo.append(point)
        if len(undo) > UNDO_LIMIT:
            del undo[0]
        if last is not None:
            last.choice = view.text
        self.events = []
        self._text = None
        self._choices = None
        if plan.once:
            f["once_taken"] = f["once_taken"] | {key}
        chosen = f["chosen"]  # counted in place: the undo point lists the key
        taken = chosen[key] = chosen.get(key, 0) + 1
        redirect = self._apply(plan.effects) if plan.effects else None
        self._page = []
        self._page_title = None
        self.entered = []
        if plan.response is not None:
            self._respond(plan.response, taken, key)
        if redirect:
            target: str = redirect
        elif plan.returns:
            target = pop_call(s)
        else:
            goto = plan.goto
            if goto is None:
                goto = self._drawn(plan.branches) if plan.branches else None
            if plan.call:
                push_call(s, STAY + s.scene if goto is None else GO + goto)
                target = plan.call
            else:
                target = STAY + s.scene if goto is None else goto
        f["turn"] += 1
        if f["infection"] != "human" and self.story.infection is not None and not stays(target):
            target = self._progress_infection() or target
        self._flow(target)
        self._end_page()
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
        self._text = self._unjoined = None
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
        self._undo_point = point = s.snapshot()
        undo = s.undo
        undo.append(point)
        if len(undo) > UNDO_LIMIT:
            del undo[0]
        if s.log and label is not None:
            s.log[-1].choice = label
        self.events = []
        self._choices = None
        self._text = self._unjoined = None

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
            f = s.__dict__  # the fields, read without pydantic's attribute hook (`GameState`)
            self._page.append(response.render(s, f["player"], taken, key, f["seed"]))

    def _step(self, target: str | None) -> None:
        """The rest of a step: a turn passes, the infection runs its course when the player
        moves on, and the flow reaches the next place to stop."""
        s = self.state
        s.turn += 1
        if (
            target is not None
            and s.infection != "human"
            and self.story.infection is not None
            and not stays(target)
        ):
            target = self._progress_infection() or target
        self._flow(target or STAY + s.scene)
        self._end_page()

    def _end_page(self) -> None:
        page = self._page
        self._choices = None
        if not self.keep_log:  # joined only if someone reads it
            self._text, self._unjoined = None, page
            return
        self._text = text = _joined(page)
        f = self.state.__dict__  # the fields, read without pydantic's hook (`GameState`)
        log = f["log"]
        title = self._page_title or (log[-1].title if log else self.scene.title)
        events = [e.text for e in self.events] if self.events else []
        if len(text) > PAGE_LIMIT:  # a page joining several long scenes: the history keeps
            text = text[: PAGE_LIMIT - 1] + "…"  # what a save can hold; the player read it all
        log.append(LogEntry(f["turn"], f["scene"], title, text, None, events))


def _joined(page: list[str]) -> str:
    """A page's texts as one; the common page is one scene, kept exactly as rendered."""
    if len(page) == 1:
        return page[0]
    return "\n\n".join(p.strip("\n") for p in page if p.strip())
