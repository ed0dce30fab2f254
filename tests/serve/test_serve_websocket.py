"""Play through `hyosan serve` as the browser's page does: GET the page, then the websocket.

The page's script (textual-serve's textual.js) opens `data-session-websocket-url` with
`?width=&height=`, sends `["resize", {width, height}]` and `["stdin", keys]` as JSON text, and
gets the game's terminal output back as binary frames.
"""

from __future__ import annotations

import asyncio
import re

import aiohttp

from tests.serve.conftest import Served

ANSI = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)
"""Terminal escape sequences, removed to read the text the game drew."""

WAIT_SECONDS = 20


class Terminal:
    """The game's side of one websocket: what it drew, as text, and keys to send."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.drawn = ""

    async def press(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])

    async def wait_for(self, text: str) -> None:
        """Read output until `text` has been drawn since the last wait; fails on close."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        output = ""
        while text not in ANSI.sub("", output):
            remaining = deadline - loop.time()
            assert remaining > 0, f"{text!r} never drawn; last output: {ANSI.sub('', output)!r}"
            msg = await asyncio.wait_for(self.ws.receive(), remaining)
            assert msg.type == aiohttp.WSMsgType.BINARY, f"waiting for {text!r}, got {msg.type}"
            output += msg.data.decode("utf-8", "replace")
        self.drawn = ANSI.sub("", output)

    async def wait_closed(self) -> None:
        while True:
            msg = await asyncio.wait_for(self.ws.receive(), WAIT_SECONDS)
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                return


def websocket_url(page: str) -> str:
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found, "the page names no websocket"
    return found.group(1)


async def page_websocket(http: aiohttp.ClientSession, served: Served) -> str:
    """The websocket address the served page gives (it holds this launch's secret)."""
    async with http.get(served.url + "/") as response:
        assert response.status == 200
        return websocket_url(await response.text())


async def test_page_then_websocket_plays_and_saves(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(served.url + "/") as response:
            assert response.status == 200
            assert response.content_type == "text/html"
            page = await response.text()
        assert "Hyosan: Fifth Period" in page  # the story's title, not the command line
        assert 'class="textual-terminal"' in page
        ws_url = websocket_url(page)
        assert re.fullmatch(rf"ws://127\.0\.0\.1:{served.port}/ws/[\w-]{{32}}", ws_url)
        async with http.get(served.url + "/static/js/textual.js") as script:
            assert script.status == 200

        async with http.ws_connect(ws_url + "?width=100&height=30") as ws:
            game = Terminal(ws)
            await ws.send_json(["resize", {"width": 100, "height": 30}])
            await game.wait_for("New game")
            assert served.autosaved_scene() is None
            await game.press("\r")  # New game
            await game.wait_for("What is your name?")
            await game.press("\r")  # the default name
            await game.wait_for("Class 2-5")
            assert "Barricade the door with desks" in game.drawn
            await game.press("1")
            await game.wait_for("The desks hold")  # the second scene's text
            assert served.autosaved_scene() == "barricade"
            await game.press("q")
            await game.wait_closed()  # the game quit, so the server closed its socket

    status, out, err = served.stop()
    assert status == 0
    assert "Traceback" not in out + err
    assert "Stopped." in out


async def test_each_websocket_is_its_own_game(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        ws_url = await page_websocket(http, served)
        async with http.ws_connect(ws_url) as first, http.ws_connect(ws_url) as second:
            one, two = Terminal(first), Terminal(second)
            await one.wait_for("New game")
            await two.wait_for("New game")
            await one.press("\r")
            await one.wait_for("What is your name?")
            await one.press("\r")
            await one.wait_for("Class 2-5")
            await two.press("?")  # help, in the second game only
            await two.wait_for("Anywhere")
            assert "Class 2-5" not in two.drawn


async def test_ctrl_c_with_a_game_in_play_stops_cleanly(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(await page_websocket(http, served))
        game = Terminal(ws)
        await game.wait_for("New game")
        await game.press("\r")
        await game.wait_for("What is your name?")
        status, out, err = await asyncio.to_thread(served.stop)
        await game.wait_closed()
    assert status == 0, err
    assert "Traceback" not in out + err
    assert "KeyboardInterrupt" not in out + err
    assert out.rstrip().endswith("Stopped.")


async def test_page_from_a_foreign_host_name_is_refused(served: Served) -> None:
    """A web page whose own name points at 127.0.0.1 (DNS rebinding) gets nothing."""
    async with aiohttp.ClientSession() as http:
        headers = {"Host": f"attacker.example:{served.port}"}
        async with http.get(served.url + "/", headers=headers) as response:
            assert response.status == 403
            assert "this machine only" in await response.text()
        async with http.get(served.url + "/", headers={"Host": f"localhost:{served.port}"}) as ok:
            assert ok.status == 200
            assert websocket_url(await ok.text()).startswith(f"ws://localhost:{served.port}/ws/")
