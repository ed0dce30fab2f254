"""The story map: this game's path drawn as a tree, act by act. Each scene read shows the choice
taken there; a scene where other ways were open branches into them (greyed), so the player sees
where the story forked. The act in play is open, earlier acts folded (Enter opens them)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree
from textual.widgets.tree import TreeNode

from game.printable import one_line
from game.tui.keys import MAP_KEYS
from game.tui.markup import styled
from game.tui.screens.dialog import may_dismiss
from game.tui.storymap import MapStep, StoryMap
from game.tui.widgets.choice_list import TAKEN_MARK

TAKEN = "›"
NOT_TAKEN = "·"
HERE = "◆"
ENDING = "★"


def step_label(step: MapStep, here: bool) -> Text:
    out = Text(one_line(step.title or step.scene), style="bold")
    if step.ending is not None:
        out = Text(f"{ENDING} ", style="bold")
        out.append(one_line(step.ending), "bold")
        if step.title and step.title != step.ending:
            out.append(f"  ({one_line(step.title)})", "dim")
        return out
    if step.taken:
        out.append(f"  {TAKEN} ", "bold")
        out.append_text(styled(step.taken, "italic"))
    elif here:
        out = Text(f"{HERE} ", style="bold").append_text(out)
        out.append("  you are here", "dim italic")
    return out


def other_label(words: str, known: bool = False) -> Text:
    out = Text(f"{NOT_TAKEN} ", style="dim")
    out.append_text(styled(words, "dim"))
    if known:
        out.append(f" {TAKEN_MARK}", "dim")
    return out


class StoryMapScreen(Screen[None]):
    BINDINGS = MAP_KEYS

    def __init__(self, story_map: StoryMap) -> None:
        super().__init__()
        self.story_map = story_map

    def compose(self) -> ComposeResult:
        m = self.story_map
        steps = sum(len(a.steps) for a in m.acts)
        forks = "fork" if m.forks == 1 else "forks"
        yield Label(
            Content(
                f"Story map: {one_line(m.player)}, turn {m.turn}"
                f" · {steps} scenes, {m.forks} {forks}"
            ),
            id="map-title",
        )
        tree: Tree[str] = Tree(Text(f"{one_line(m.player)}'s path", style="bold"), id="map-tree")
        tree.show_root = False
        tree.guide_depth = 3
        self._fill(tree)
        yield tree
        yield Label(
            Content(
                f"{TAKEN} taken  {NOT_TAKEN} not taken  {TAKEN_MARK} taken before  "
                f"{ENDING} ending · endings found: {m.endings_found} of {m.endings_total}"
            ),
            id="map-legend",
        )
        yield Footer(compact=True)

    def _fill(self, tree: Tree[str]) -> None:
        acts = self.story_map.acts
        for a, act in enumerate(acts):
            in_play = a == len(acts) - 1
            scenes = "scene" if len(act.steps) == 1 else "scenes"
            label = Text(act.label or "Story", style="bold underline")
            label.append(f"  {len(act.steps)} {scenes}", "dim")
            node = tree.root.add(label, expand=in_play, data=act.label)
            for s, step in enumerate(act.steps):
                here = in_play and s == len(act.steps) - 1
                self._add_step(node, step, here)

    def _add_step(self, parent: TreeNode[str], step: MapStep, here: bool) -> None:
        if not step.others:
            parent.add_leaf(step_label(step, here), data=step.scene)
            return
        node = parent.add(step_label(step, here), expand=True, data=step.scene)
        for words in step.others:
            node.add_leaf(other_label(words, words in step.known))

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.focus()
        # Show the scene in play: the last line of the last act.
        tree.call_after_refresh(tree.scroll_end, animate=False)
        tree.call_after_refresh(self._select_last)

    def _select_last(self) -> None:
        tree = self.query_one(Tree)
        if tree.last_line >= 0:
            tree.move_cursor_to_line(tree.last_line)

    def action_fold_all(self) -> None:
        for act in self.query_one(Tree).root.children:
            act.collapse()

    def action_open_all(self) -> None:
        for act in self.query_one(Tree).root.children:
            act.expand()

    def action_close(self) -> None:
        if may_dismiss(self):
            self.dismiss(None)
