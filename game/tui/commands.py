"""Every action of the game in the command palette (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: list[tuple[str, str, str]] = [
    ("New game", "new_game", "Start the story again from the beginning"),
    ("Continue", "continue_game", "Resume the latest save"),
    ("Undo", "undo", "Take back the last choice"),
    ("Inventory", "inventory", "See and use what you carry"),
    ("History", "history", "Everything read and chosen in this game"),
    ("Save", "save", "Save to a slot"),
    ("Load", "load", "Load a saved game"),
    ("Quicksave", "quicksave", "Save to the quicksave slot (F5)"),
    ("Quickload", "quickload", "Load the quicksave (F9)"),
    ("Help", "help", "Every key"),
    ("Quit", "quit", "Quit; progress is autosaved"),
]
"""(title, app action, help) for each command."""


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for title, action, help_text in COMMANDS:
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
