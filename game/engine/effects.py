"""What effects do to the state, and how the infection runs its course: the rules a step
applies, apart from the flow of the step itself (`Game`)."""

from __future__ import annotations

from game.engine.inventory import ITEM_LIMIT, taken
from game.engine.outcomes import Outcomes
from game.engine.state import GameState
from game.engine.tables import EVENT_CACHE_LIMIT, StatRule, StoryTables
from game.engine.views import Event
from game.story.story import EffectsPlan, Story


class EffectRules:
    """The state changes of effects, stats, items and the infection; each tells the player
    through an `Event` in the story's own words."""

    story: Story
    state: GameState
    outcomes: Outcomes
    events: list[Event]
    _tables: StoryTables

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
        hunger = self._tables.hunger
        if s.infection == "hybrid" and hunger is not None:
            return self._add_stat(hunger[0], hunger[1], quiet=True)
        return None

    def _event(self, kind: str, text: str) -> None:
        self.events.append(Event(kind, text))

    def _say(self, key: str, item: str = "", count: int = 0) -> str:
        """One of the story's `[messages]` about an item or an ending, its fields filled."""
        text: str = getattr(self.story.messages, key)
        return text.replace("{item}", item).replace("{ending}", item).replace("{count}", str(count))

    def _known(self, key: tuple[object, ...]) -> Event | None:
        """An announcement made before, whose words depend only on `key`."""
        return self._tables.events.get(key)

    def _keep(self, key: tuple[object, ...], kind: str, text: str) -> Event:
        """A new announcement, kept for the next time `key` happens."""
        event = Event(kind, text)
        events = self._tables.events
        if len(events) < EVENT_CACHE_LIMIT:
            events[key] = event
        return event

    def _apply(self, effects: tuple[EffectsPlan, ...]) -> str | None:
        """Apply effects in order; returns a scene to go to when a stat hit a bound that has
        one."""
        redirect: str | None = None
        s = self.state
        for fx in effects:
            when = fx.when
            if when is None or when.test(s):
                redirect = self._apply_one(fx) or redirect
        return redirect

    def _apply_one(self, fx: EffectsPlan) -> str | None:
        """One table of effects; each kind is tested before it is iterated (most tables
        hold one kind)."""
        s = self.state
        f = s.__dict__  # the fields, without pydantic's hooks (`GameState`)
        redirect: str | None = None
        if fx.give:
            inventory = dict(f["inventory"])
            for iid, n in fx.give.items():
                inventory[iid] = min(inventory.get(iid, 0) + n, ITEM_LIMIT)
                key = ("gain", iid, n)
                event = self._known(key)
                if event is None:
                    name = self.story.items[iid].name
                    text = self._say("gain_many", name, n) if n > 1 else self._say("gain", name)
                    event = self._keep(key, "gain", text)
                self.events.append(event)
            f["inventory"] = inventory
        if fx.take:
            for iid, n in fx.take.items():
                self._lose(iid, n)
        if fx.set_flags:
            f["flags"] = {**f["flags"], **fx.set_flags}
        if fx.set_stats:
            for sid, v in fx.set_stats.items():
                redirect = self._add_stat(sid, v - f["stats"].get(sid, 0)) or redirect
        if fx.add:
            for sid, d in fx.add.items():
                redirect = self._add_stat(sid, d) or redirect
        if not (fx.cure or fx.infect):
            return redirect
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
        f = self.state.__dict__  # the fields, without pydantic's hooks (`GameState`)
        inventory = f["inventory"]
        if inventory.get(iid, 0) <= 0:
            return
        f["inventory"] = taken(inventory, iid, n)
        key = ("lose", iid)
        event = self._known(key)
        if event is None:
            event = self._keep(key, "lose", self._say("lose", self.story.items[iid].name))
        self.events.append(event)

    def _add_stat(self, sid: str, delta: int, quiet: bool = False) -> str | None:
        if delta == 0:
            return None
        rule = self._tables.stats[sid]
        f = self.state.__dict__  # the fields, without pydantic's hooks (`GameState`)
        stats = f["stats"]
        old = stats.get(sid, rule.start)
        new = max(rule.min, min(rule.max, old + delta))
        if new != old or sid not in stats:
            f["stats"] = {**stats, sid: new}
        if new != old and (
            (rule.announce and not quiet) or (rule.hunger and new > old and new >= rule.max - 2)
        ):
            self._announce_stat(rule, old, new, quiet)
        if delta < 0 and new == rule.min and rule.at_min:
            return rule.at_min
        if delta > 0 and new == rule.max and rule.at_max:
            return rule.at_max
        return None

    def _announce_stat(self, rule: StatRule, old: int, new: int, quiet: bool) -> None:
        """Tell a change of a stat the player sees; a hunger near its max is told too."""
        sp = rule.plan
        # Whether the player sees the stat matters only for what is announced.
        if not (sp.visible if isinstance(sp.visible, bool) else sp.visible.test(self.state)):
            return
        if rule.announce and not quiet:
            key = ("stat", sp.id, new - old, new)
            event = self._known(key)
            if event is None:
                m = self.story.messages
                text = m.stat_up if new > old else m.stat_down
                text = text.replace("{stat}", sp.stat.name).replace("{delta}", str(abs(new - old)))
                event = self._keep(key, "stat", text.replace("{value}", str(new)))
            self.events.append(event)
        inf = self.story.infection
        if inf is not None and rule.hunger and new > old and new >= rule.max - 2:
            self._event("hunger", inf.messages.hunger)
