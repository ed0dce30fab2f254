"""The title first: `hyosan` draws the title from the manifest's header and opens the story
in a worker; keys pressed meanwhile wait for it; a story that fails shows today's error."""

from __future__ import annotations

import ast
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from game.cli import parse_play
from game.engine import Game
from game.saves import SaveFolder
from game.story import Story, StoryError, load_story
from game.story_header import StoryHeader, read_header
from game.tui.app import HyosanApp, build_app
from game.tui.opening import GAME_CSS, Opening
from game.tui.screens.error import ErrorScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.title import TitleScreen
from game.tui.settings_path import peek_theme
from game.tui.widgets.option_list import OptionList
from tests.conftest import STARTER, STORIES

GAME = Path(__file__).resolve().parents[2] / "game"


class Held:
    """An opener that gives `story` only when the test lets it (the story "loading")."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.release = threading.Event()

    def __call__(self, root: Path) -> Story:
        assert self.release.wait(10), "the test never let the story load"
        return self.story


@pytest.fixture
def held(starter: Story) -> Iterator[Held]:
    opener = Held(starter)
    yield opener
    opener.release.set()  # a failed test must not leave the worker waiting


def opening_app(root: Path, saves: Path, opener: Callable[[Path], Story] | None) -> HyosanApp:
    header = read_header(root)
    assert header is not None
    app = HyosanApp(
        None, None, clock=lambda: 0.0, seed=0, opening=Opening(root, saves, header, opener)
    )
    app.animation_level = "none"
    return app


async def until(pilot: Pilot[None], holds: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 10
    while not holds():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)


def continue_option(app: HyosanApp) -> str:
    menu = app.screen.query_one("#menu", OptionList)
    option = menu.get_option("continue_game")
    return ("disabled " if option.disabled else "") + str(option.prompt)


async def test_the_title_is_drawn_while_the_story_loads_and_continue_enabled_after(
    tmp_path: Path,
) -> None:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    manifest = root / "story.toml"
    intro = 'intro = "A short story to try the engine."'
    manifest.write_text(manifest.read_text().replace(intro, 'intro = "[b]Run[/b], it rings."'))
    story = load_story(root)
    game = Game.new(story, "Mina", seed=1)
    SaveFolder(tmp_path / "saves").save("mine", game, 0.0)
    held = Held(story)
    app = opening_app(root, tmp_path / "saves", held)
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            title = str(app.screen.query_one("#game-title", Static).render())
            assert title == story.title
            assert app.session is None and app.loading
            assert continue_option(app) == "disabled Continue"
            assert not app.stylesheet.has_source(str(GAME_CSS))  # the title's styles only
            assert not app.screen.query("#game-intro")  # its styles need the story's parser
            held.release.set()
            await until(pilot, lambda: app.session is not None, "the story")
            await pilot.pause()
            assert app.story is story and isinstance(app.screen, TitleScreen)
            assert app.stylesheet.has_source(str(GAME_CSS))
            assert continue_option(app) == f"Continue  {game.title}, turn 0"
            assert app.screen.query_one("#menu", OptionList).highlighted == 1
            shown = app.screen.query_one("#game-intro", Static).visual
            assert isinstance(shown, Content) and shown.plain == "Run, it rings."
            assert [(s.start, s.end, str(s.style)) for s in shown.spans] == [(0, 3, "bold")]
    finally:
        held.release.set()


async def test_new_game_pressed_while_loading_starts_once_ready(held: Held, tmp_path: Path) -> None:
    app = opening_app(STARTER, tmp_path / "saves", held)
    async with app.run_test() as pilot:
        await pilot.pause()
        loading = app.export_screenshot()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)  # waiting for the story, not lost
        held.release.set()
        await until(pilot, lambda: isinstance(app.screen, NameScreen), "the name prompt")
        assert app._exception is None
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TitleScreen), "the title again")
        await pilot.pause()
        # The title drawn from the header, with its own styles only, is the title drawn
        # once the story and every style are loaded (no save yet: Continue is greyed).
        assert app.export_screenshot() == loading


async def test_quit_while_the_story_loads_exits_cleanly(held: Held, tmp_path: Path) -> None:
    app = opening_app(STARTER, tmp_path / "saves", held)
    async with app.run_test() as pilot:
        await pilot.press("q")  # nothing to save yet: no question, no wait
        held.release.set()  # the worker ends after the app: its message goes nowhere
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None
    assert app.session is None and not (tmp_path / "saves").exists()


async def test_a_story_that_fails_in_the_worker_shows_the_error_screen(tmp_path: Path) -> None:
    broken = STORIES / "broken" / "dangling_goto"
    with pytest.raises(StoryError) as caught:
        load_story(broken)
    app = opening_app(broken, tmp_path / "saves", None)  # the real opener: the cache
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error screen")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert len(app.screen_stack) == 2  # in place of the title, as when loaded first
        assert app.screen.title_text == "The story could not be loaded"
        lines = str(app.screen.query_one("#error-lines Static", Static).render())
        assert caught.value.diagnostics[0].message in lines
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 1


async def test_an_unreadable_header_loads_the_story_first_and_shows_its_error(
    tmp_path: Path,
) -> None:
    story = tmp_path / "story"
    shutil.copytree(STARTER, story)
    manifest = story / "story.toml"
    manifest.write_text(manifest.read_text().replace("[story]", "[story]\ntitle = 5\n", 1))
    app = build_app(story, tmp_path / "saves")
    assert not app.loading and app.story_error is not None
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        lines = str(app.screen.query_one("#error-lines Static", Static).render())
        assert "story.toml" in lines


def test_the_header_is_read_alone_or_not_at_all(tmp_path: Path) -> None:
    starter = load_story(STARTER)
    assert read_header(STARTER) == StoryHeader(starter.title, starter.info.intro)
    (tmp_path / "story.toml").write_text('[story]\ntitle = "T"\nintro = "I"\n')
    assert read_header(tmp_path) == StoryHeader("T", "I")
    for bad in ['[story]\ntitle = ""', '[story]\nintro = "I"', "title = 'T'", "[story"]:
        (tmp_path / "story.toml").write_text(bad)
        assert read_header(tmp_path) is None, bad
    assert read_header(tmp_path / "missing") is None


def test_the_theme_is_peeked_without_the_settings_model(tmp_path: Path) -> None:
    """The title is drawn in the player's theme; the model judges the file later."""
    settings = tmp_path / "settings.json"
    assert peek_theme(tmp_path) is None
    for text, theme in [
        ('{"theme": "nord", "notices": false}', "nord"),
        ('{"theme": "nord", "typo": 1}', "nord"),  # the model refuses it: defaults, a notice
        ('{"theme": 5}', None),
        ('["nord"]', None),
        ("{", None),
    ]:
        settings.write_text(text)
        assert peek_theme(tmp_path) == theme, text


def test_only_play_is_parsed_without_the_tools() -> None:
    args = parse_play(["play", "--seed", "3", "--plain"])
    assert args is not None and (args.seed, args.plain, args.command) == (3, True, "play")
    assert parse_play([]) is not None
    for other in (["check"], ["--help"], ["play", "-h"], ["--seed", "x"], ["graph", "."]):
        assert parse_play(other) is None, other


START_PATH = ("game.cli", "game.tui.app")
HEAVY = ("pydantic", "game.story", "game.engine", "game.saves", "game.session", "game.storycache")


def module_imports(module: str) -> Iterator[str]:
    """What `module` imports when it is imported: its top-level imports, not those under
    `if TYPE_CHECKING:` nor inside functions (the cli imports each command when it runs)."""
    path = GAME.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def test_the_start_path_imports_textual_and_light_modules_only() -> None:
    seen: set[str] = set()
    todo = list(START_PATH)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for name in module_imports(module):
            heavy = [h for h in HEAVY if name == h or name.startswith(f"{h}.")]
            assert not heavy, f"{module} imports {name} at start"
            parts = name.split(".")
            for n in range(2, len(parts) + 1):
                candidate = ".".join(parts[:n])
                path = GAME.parent / candidate.replace(".", "/")
                if candidate.startswith("game.") and (
                    path.with_suffix(".py").exists() or (path / "__init__.py").exists()
                ):
                    todo.append(candidate)
    assert {"game.tui.screens.title", "game.story_header", "game.tui.game_app"} <= seen
