"""The play screen: scene title, the story so far, the choices, and the player's condition.

The screen holds one frozen `PlayView`; setting it pushes the parts down to the widgets.
Choices picked here travel up as `ChoiceList.Chosen` messages to the app, which asks the
engine and sets a new view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from game.tui.keys import PLAY_KEYS
from game.tui.markup import as_line, as_text
from game.tui.view import EMPTY_VIEW, PlayView
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.status_line import StatusLine
from game.tui.widgets.status_panel import StatusPanel
from game.tui.widgets.story_log import StoryLog

INFECTION_CLASSES = ("-human", "-bitten", "-hybrid", "-zombie")

STAGE_STYLED = ("#scene-title", "#side", ".log-entry.-newest", "#choices")
"""What the stylesheet styles by the infection stage (`PlayScreen.-bitten #side`...): when
the stage changes, these alone are restyled, not the whole screen (what the side panel holds
is rebuilt from the new view, and styled then). A rule on the stage's class that styles
anything else must be named here (a test checks)."""


MEASURES = ("narrow", "normal", "wide", "full")
"""Story widths the settings offer; the stylesheet gives each a `-measure-*` class."""


class PlayScreen(Screen[None]):
    """Below 100 columns the side panel folds into one status line (`p` opens it); at any
    width the story keeps a readable measure (the `-measure-*` class, from the settings)."""

    BINDINGS = PLAY_KEYS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (120, "-wide")]

    view: reactive[PlayView] = reactive(EMPTY_VIEW, init=False)
    _stage_only = False
    measure: reactive[str] = reactive("normal", init=False)
    panel_open: reactive[bool] = reactive(False, init=False)

    def __init__(self, view: PlayView, dev: bool = False, measure: str = "normal") -> None:
        super().__init__()
        self._first_view = view
        self.dev = dev
        self.set_reactive(PlayScreen.measure, measure)
        self.add_class(f"-measure-{measure}")

    def compose(self) -> ComposeResult:
        with Horizontal(id="play-body"):
            with Vertical(id="main"):
                if self.dev:
                    with Horizontal(id="title-row"):
                        yield Static(id="scene-title")
                        yield Label("DEV", id="dev-badge")
                else:
                    yield Static(id="scene-title")
                yield StatusLine(id="status-line")
                with Vertical(id="story-area"), Vertical(id="story-column"):
                    yield StoryLog(id="log")
                    yield Static(id="notice")
                    yield ChoiceList(id="choices")
            yield StatusPanel(id="side")
        # The palette (ctrl+p) is left out of this footer so the game's own keys fit in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.view = self._first_view
        self.query_one(ChoiceList).focus()
        self.show_notice(self._notice)

    _notice = ""

    def show_notice(self, text: str) -> None:
        """One line answering the last key (a closed choice, a save made); the next step
        clears it, so nothing stale stays on screen."""
        self._notice = text
        for notice in self.query("#notice").results(Static):  # none until composed
            notice.update(as_text(text))
            notice.display = bool(text)

    def on_resize(self) -> None:
        """The footer offers `p` (the panel) only while the panel is folded away."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_panel":
            return self.has_class("-narrow")
        return True

    def action_toggle_panel(self) -> None:
        self.panel_open = not self.panel_open

    def action_close_panel(self) -> None:
        self.panel_open = False

    def on_status_line_clicked(self) -> None:
        self.panel_open = True

    def watch_panel_open(self, panel_open: bool) -> None:
        self.set_class(panel_open, "-panel-open")

    def watch_measure(self, old: str, new: str) -> None:
        self.remove_class(f"-measure-{old}")
        self.add_class(f"-measure-{new}")

    def action_scroll_story(self, pages: int) -> None:
        """PageUp/PageDown read the story while the choices keep the focus."""
        log = self.query_one(StoryLog)
        if pages < 0:
            log.scroll_page_up()
        else:
            log.scroll_page_down()

    def watch_view(self, view: PlayView) -> None:
        self.show_notice("")
        self.query_one("#scene-title", Static).update(as_line(view.title))
        self.query_one(StoryLog).entries = view.log
        self.query_one(ChoiceList).show(view.choices, view.taken)
        self.query_one(StatusPanel).view = view
        self.query_one(StatusLine).view = view
        self._show_stage(f"-{view.infection}")

    def _show_stage(self, stage: str) -> None:
        """The infection stage as the screen's class (`-bitten`...), set only on a change."""
        if self.has_class(stage):
            return
        self._stage_only = True
        try:
            self.set_classes(self.classes.difference(INFECTION_CLASSES) | {stage})
        finally:
            self._stage_only = False

    def update_node_styles(self, animate: bool = True) -> None:
        """Textual restyles the whole screen when its classes change: some 30 widgets, most
        of the key press that bites the player. A stage change restyles `STAGE_STYLED`."""
        if not self._stage_only:
            super().update_node_styles(animate)
            return
        nodes: list[DOMNode] = [self]
        for selector in STAGE_STYLED:
            nodes.extend(self.query(selector))
        self.app.stylesheet.update_nodes(nodes, animate=animate)
