"""Save slots as a list: name, scene, play time and date; broken saves greyed out.

The player's name, act and infection stage are not in a slot's header: a worker reads them
from each file after the list is shown, and the labels grow when they arrive."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets.option_list import Option

from game.saves import SlotInfo
from game.session import format_play_time, slot_title
from game.story.story import Story
from game.tui import manifest
from game.tui.markup import as_line
from game.tui.slot_details import SlotDetails, read_details
from game.tui.widgets.option_list import OptionList


def about_slot(details: SlotDetails, story: Story | None) -> str:
    """`Ji-ho · Act 2 · Bitten 2`: who, where in the story, and the infection stage."""
    parts = [details.player]
    if story is not None:
        act = manifest.act_label(story, details.scene)
        stage = manifest.stage_label(story, details.infection)
        if act:
            parts.append(act)
        if stage:
            left = details.countdown if details.infection == "bitten" else None
            parts.append(stage if left is None else f"{stage} {left}")
    return " · ".join(parts)


def slot_label(slot: SlotInfo, story_id: str, about: str | None = None) -> Text:
    out = Text(slot_title(slot.name), style="bold")
    if slot.problem:
        out.append("\n")
        out.append("  ")
        out.append_text(as_line(f"cannot be loaded: {slot.problem}", "italic dim"))
        return out
    if slot.story_id != story_id:
        out.append("\n")
        out.append("  ")
        out.append_text(as_line(f"a save of another story ({slot.story_id})", "italic dim"))
        return out
    out.append("  ")
    out.append_text(as_line(f"{slot.scene_title}"))
    out.append("\n  ")
    if about:
        out.append_text(as_line(about))
        out.append(" · ", "dim")
    else:
        out.append(f"turn {slot.turn} · ", "dim")
    played = format_play_time(slot.play_seconds)
    out.append(f"played {played} · {slot.updated.astimezone():%Y-%m-%d %H:%M}", "dim")
    return out


class SlotList(OptionList):
    """Option ids are slot names. Saves that cannot be loaded stay selectable, so the
    player can read why and delete them."""

    slots: list[SlotInfo]

    def show(self, slots: list[SlotInfo], story_id: str) -> None:
        self.slots = slots
        self.set_options(Option(slot_label(s, story_id), id=s.name) for s in slots)
        self.highlighted = 0 if slots else None
        wanted = [s for s in slots if loadable(s, story_id)]
        if wanted:
            self._read_details(wanted, story_id)

    @work(thread=True, exclusive=True, group="slot-details")
    def _read_details(self, slots: list[SlotInfo], story_id: str) -> None:
        found = {s.name: d for s in slots if (d := read_details(s.path)) is not None}
        if found:
            self.app.call_from_thread(self._show_details, slots, story_id, found)

    def _show_details(
        self, slots: list[SlotInfo], story_id: str, found: dict[str, SlotDetails]
    ) -> None:
        story = getattr(self.app, "story", None)
        shown = {s.name: s for s in self.slots}
        for s in slots:
            details = found.get(s.name)
            if details is not None and shown.get(s.name) == s:  # not changed meanwhile
                about = about_slot(details, story if isinstance(story, Story) else None)
                self.replace_option_prompt(s.name, slot_label(s, story_id, about))

    @property
    def selected_slot(self) -> SlotInfo | None:
        if self.highlighted is None or not self.slots:
            return None
        return self.slots[self.highlighted]


def loadable(slot: SlotInfo, story_id: str) -> bool:
    return slot.problem is None and slot.story_id == story_id
