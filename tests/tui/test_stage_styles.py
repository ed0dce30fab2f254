"""A change of infection stage restyles only what the stage's rules style
(`PlayScreen.STAGE_STYLED`): every widget ends up styled as a full restyle would style it."""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode

from game.engine import Game, debug
from game.tui.screens.play import PlayScreen
from tests.tui.conftest import MakeApp


def applied(screen: PlayScreen) -> list[tuple[str, object]]:
    """Every widget's rules, and its component classes' rules, in the screen's order."""
    out: list[tuple[str, object]] = []
    for node in screen.walk_children(with_self=True):
        out.append((repr(node), node.styles.base.get_rules()))
        for component in sorted(node._get_component_classes()):
            out.append((f"{node!r} {component}", styles_of(node, component)))
    return out


def styles_of(node: DOMNode, component: str) -> object:
    return node.get_component_styles(component).base.get_rules()


async def test_a_stage_change_restyles_as_the_whole_screen_would(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.session
        assert session is not None
        session.new_game("Mina")
        app._show_game()
        await pilot.pause()
        changes: list[Callable[[Game], str]] = [debug.infect, debug.turn_hybrid, debug.cure]
        for change, stage in zip(changes, ("-bitten", "-hybrid", "-human"), strict=True):
            assert session.game is not None
            change(session.game)
            app.after_dev_change("changed")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayScreen) and screen.has_class(stage)
            partial = applied(screen)
            app.stylesheet.update(screen)  # what Textual would do on a class change
            assert applied(screen) == partial, stage
