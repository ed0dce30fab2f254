"""A whole game driven through the app with Pilot: keys, mouse, inventory, undo, saves, endings."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from game.engine import Game
from game.saves import AUTOSAVE, SaveFolder
from game.story import Story
from game.tui.app import HyosanApp
from game.tui.screens.ending import EndingScreen
from game.tui.screens.inventory import InventoryScreen
from game.tui.screens.load import LoadScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.save import SaveScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.slot_list import SlotList
from game.tui.widgets.story_log import StoryLog
from tests.tui.conftest import MakeApp


def game_of(app: HyosanApp):  # type: ignore[no-untyped-def]
    assert app.session is not None
    return app.session.game


def notes(app: HyosanApp) -> list[str]:
    return [n.message for n in app._notifications]


def key_for(app: HyosanApp, text: str) -> str:
    """The number key of the choice starting with `text`: tests survive edits to the story."""
    for n, choice in enumerate(game_of(app).choices, start=1):
        if choice.text.startswith(text):
            return str(n)
    raise AssertionError(f"no choice {text!r} in {game_of(app).title}")


async def choose(pilot: Pilot[None], *texts: str) -> None:
    for text in texts:
        await pilot.press(key_for(pilot.app, text))  # type: ignore[arg-type]
    await pilot.pause()


async def new_game(pilot: Pilot[None], name: str | None) -> None:
    app = pilot.app
    assert isinstance(app.screen, TitleScreen)
    await pilot.press("enter")  # "New game" is highlighted when there is no save
    assert isinstance(app.screen, NameScreen)
    if name is not None:
        app.screen.query_one(Input).value = name
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)


async def test_whole_game(make_app: MakeApp, folder: SaveFolder) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await new_game(pilot, "Mina")
        game = game_of(app)
        assert game.state.player == "Mina"
        log_text = str(app.screen.query_one(StoryLog).query(".log-entry").last().render())
        assert '"Mina, the door!"' in log_text

        # By key: barricade the door, and the mop is carried.
        await choose(pilot, "Barricade")
        assert game.title == "Behind the desks"
        assert "mop" in game.state.inventory
        assert folder.exists(AUTOSAVE)

        # Undo by key.
        await pilot.press("u")
        assert game.title == "Class 2-5"
        assert "mop" not in game.state.inventory

        # By mouse: click "Run into the hall" (the list's border is its first row).
        await pilot.click(ChoiceList, offset=(6, int(key_for(app, "Run into the hall"))))
        await pilot.pause()
        assert game.title == "The east hall"

        # A closed choice (no mop) is refused with its reason, not raised.
        fight = key_for(app, "Fight it off")
        choices = app.screen.query_one(ChoiceList)
        assert choices.get_option_at_index(int(fight) - 1).disabled
        await pilot.press(fight)
        assert game.title == "The east hall"
        notice = app.screen.query_one("#notice", Static)
        assert str(notice.render()) == "That way is closed: needs Mop handle."

        # Arrows + Enter: the teacher's desk gives the chocolate.
        desk = int(key_for(app, "Search the teacher's desk")) - 1
        choices.highlighted = 0
        while choices.highlighted != desk:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert game.state.inventory.get("chocolate") == 1

        # Push past: bitten, hurt, and the keycard.
        await choose(pilot, "Push past")
        assert game.title == "The roof stairs"
        assert game.state.infection == "bitten"
        assert game.state.stats["health"] == 4
        assert app.screen.has_class("-bitten")

        # The inventory: eat the chocolate bar.
        await pilot.press("i")
        assert isinstance(app.screen, InventoryScreen)
        items = [i.id for i in game.inventory]
        await pilot.press(*["down"] * items.index("chocolate"))
        await pilot.press("enter")  # to its actions
        await pilot.press("enter")  # "Eat it"
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "chocolate" not in game.state.inventory
        assert game.state.stats["health"] == 5

        # Save to a new slot.
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one(Input).value = "before roof"
        await pilot.press("enter")
        await pilot.pause()
        assert folder.exists("before roof")
        assert isinstance(app.screen, PlayScreen)

        # Climb: the fever breaks and the player is a hybrid.
        await choose(pilot, "Swipe the keycard")
        assert game.title == "The roof"
        assert game.state.infection == "hybrid"
        assert app.screen.has_class("-hybrid")

        # Load the slot: back on the stairs, bitten.
        await pilot.press("l")
        assert isinstance(app.screen, LoadScreen)
        slots = app.screen.query_one(SlotList)
        while slots.selected_slot is not None and slots.selected_slot.name != "before roof":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        game = game_of(app)
        assert game.title == "The roof stairs"
        assert game.state.infection == "bitten"

        # To an ending: climb, then slip away over the rooftops.
        await choose(pilot, "Swipe the keycard")
        assert game.state.infection == "hybrid"
        await choose(pilot, "Slip away")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert game.ended is not None and game.ended.id == "hybrid_free"
        assert folder.endings_reached("starter") == {"hybrid_free"}
        assert "Endings found: 1 of 4" in str(app.screen.query_one("#endings-found").render())

        # Start again, with the default name.
        await pilot.press("n")
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert game_of(app).state.player == "Ji-ho"
        assert game_of(app).title == "Class 2-5"


def saved_game(starter: Story, folder: SaveFolder, *texts: str) -> None:
    """The autosave a game in the app leaves after choosing `texts` (test_whole_game checks the
    app writes it): a test can start there with Continue instead of pressing every key."""
    game = Game.new(starter, seed=0)
    for text in texts:
        game.choose(next(i for i, c in enumerate(game.choices) if c.text.startswith(text)))
    folder.save(AUTOSAVE, game, 12.0)


async def continue_saved(pilot: Pilot[None]) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, TitleScreen)
    await pilot.press("enter")  # Continue is highlighted when there is a save
    await pilot.pause()
    assert isinstance(pilot.app.screen, PlayScreen)


async def test_continue_resumes_latest_save(
    make_app: MakeApp, folder: SaveFolder, starter: Story
) -> None:
    saved_game(starter, folder, "Run into the hall")
    app = make_app()
    async with app.run_test() as pilot:
        await continue_saved(pilot)
        assert game_of(app).title == "The east hall"


async def test_undo_at_an_ending_goes_back_to_play(
    make_app: MakeApp, folder: SaveFolder, starter: Story
) -> None:
    saved_game(starter, folder, "Barricade")
    app = make_app()
    async with app.run_test() as pilot:
        await continue_saved(pilot)
        await choose(pilot, "Wait for rescue")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert game_of(app).title == "Behind the desks"


async def test_commands_in_palette_run_actions(
    make_app: MakeApp, folder: SaveFolder, starter: Story
) -> None:
    saved_game(starter, folder, "Barricade")
    app = make_app()
    async with app.run_test() as pilot:
        await continue_saved(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"undo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert game_of(app).title == "Class 2-5"


async def test_history_keeps_everything_and_filters(
    make_app: MakeApp, folder: SaveFolder, starter: Story
) -> None:
    saved_game(starter, folder, "Run into the hall", "Search the teacher's desk", "Push past")
    app = make_app()
    async with app.run_test() as pilot:
        await continue_saved(pilot)
        await pilot.press("h")
        text = str(app.screen.query_one("#history-text").render())
        assert "Class 2-5" in text and "The roof stairs" in text
        await pilot.press(*"lockers")
        await pilot.pause()
        text = str(app.screen.query_one("#history-text").render())
        assert "The east hall" in text and "Class 2-5" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
