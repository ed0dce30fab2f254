"""Every action of the game in the command palette (ctrl+p), and the dev tools in dev mode."""

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
    ("Stats", "stats", "Your stats, what each one means, and the infection (t)"),
    ("Story map", "story_map", "This game's path through the story and its forks (m)"),
    ("Endings gallery", "endings", "The endings found, and hints for the others"),
    ("Settings", "settings", "Theme, notices, story width, confirm quitting"),
    ("Help", "help", "Every key, the stats and the infection"),
    ("Quit", "quit", "Quit; progress is autosaved"),
]
"""(title, app action, help) for each command."""

DEV_COMMANDS: list[tuple[str, str, str]] = [
    ("Dev: jump to scene", "dev('jump')", "Go to any scene; its on_enter effects run"),
    ("Dev: give item", "dev('give')", "Add one of any item to the inventory"),
    ("Dev: take item", "dev('take')", "Remove an item the player carries"),
    ("Dev: set flag", "dev('flag')", "Set a flag true or false"),
    ("Dev: set stat", "dev('stat')", "Set a stat to a value (kept within its bounds)"),
    ("Dev: infect (bite)", "dev('infect')", "Bite the player: the countdown starts"),
    ("Dev: cure", "dev('cure')", "Make the player human again"),
    ("Dev: make hybrid now", "dev('hybrid')", "End the countdown now, as a hybrid"),
    ("Dev: show state", "dev('state')", "The whole game state as JSON"),
    ("Dev: reload story", "dev('reload')", "Load and check the story files now"),
]
"""Offered only in dev mode (`hyosan play --dev`); each change can be undone."""


class GameCommands(Provider):
    def commands(self) -> list[tuple[str, str, str]]:
        return COMMANDS

    async def discover(self) -> Hits:
        for title, action, help_text in self.commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )


class DevCommands(GameCommands):
    def commands(self) -> list[tuple[str, str, str]]:
        return DEV_COMMANDS if getattr(self.app, "dev", False) else []
