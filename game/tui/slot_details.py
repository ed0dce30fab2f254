"""What a save list shows beyond the slot header: the player's name, the scene (for its act)
and the infection stage. The header (game.saves) does not hold them, so they are read from the
state in the file: a whole-file read, done in a worker thread by the list that shows them.

Only these fields are picked out, each checked for its type and size; a file that does not
have them gives no details (the list still shows its header). No Textual here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.saves.document import MAX_BYTES

STAGES = ("human", "bitten", "hybrid", "zombie")


@dataclass(frozen=True, slots=True)
class SlotDetails:
    player: str
    scene: str
    infection: str
    countdown: int | None


def read_details(path: Path) -> SlotDetails | None:
    """The details in the save at `path`; None when it cannot be read or lacks them."""
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                return None
            raw = f.read(MAX_BYTES + 1)
        data = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    state = data.get("state") if isinstance(data, dict) else None
    if not isinstance(state, dict):
        return None
    player, scene = _text(state.get("player")), _text(state.get("scene"))
    infection = state.get("infection", "human")
    countdown = state.get("countdown")
    if player is None or scene is None or infection not in STAGES:
        return None
    if not (isinstance(countdown, int) and 0 <= countdown <= 1000):
        countdown = None
    return SlotDetails(player, scene, infection, countdown)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None
