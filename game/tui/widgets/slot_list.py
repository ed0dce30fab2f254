"""Save slots as a list: name, scene, turn, play time and date; broken saves greyed out."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from game.saves import SlotInfo
from game.session import format_play_time, slot_title
from game.tui.markup import as_line
from game.tui.widgets.option_list import OptionList


def slot_label(slot: SlotInfo, story_id: str) -> Text:
    out = Text(slot_title(slot.name), style="bold")
    if slot.problem:
        out.append("\n")
        out.append_text(as_line(f"  cannot be loaded: {slot.problem}", "italic dim"))
        return out
    if slot.story_id != story_id:
        out.append("\n")
        out.append_text(as_line(f"  a save of another story ({slot.story_id})", "italic dim"))
        return out
    out.append_text(as_line(f"  {slot.scene_title}"))
    out.append(
        f"\n  turn {slot.turn} · played {format_play_time(slot.play_seconds)}"
        f" · {slot.updated.astimezone():%Y-%m-%d %H:%M}",
        "dim",
    )
    return out


class SlotList(OptionList):
    """Option ids are slot names. Saves that cannot be loaded stay selectable, so the
    player can read why and delete them."""

    slots: list[SlotInfo]

    def show(self, slots: list[SlotInfo], story_id: str) -> None:
        self.slots = slots
        self.set_options(Option(slot_label(s, story_id), id=s.name) for s in slots)
        self.highlighted = 0 if slots else None

    @property
    def selected_slot(self) -> SlotInfo | None:
        if self.highlighted is None or not self.slots:
            return None
        return self.slots[self.highlighted]


def loadable(slot: SlotInfo, story_id: str) -> bool:
    return slot.problem is None and slot.story_id == story_id
