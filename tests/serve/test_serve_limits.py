"""What a page may not do to `hyosan serve`: drive it from another site, grow a game without
bound, start games without end, crash a game with a bad message, outlive its tab, hold up
Ctrl+C, or reach another player's saves.

Most tests run the real server with fake_game.py in place of the game: it records what the
server tells it. The origin test runs the real game.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from game.serve_game import HEIGHT, QUIT_SECONDS, WIDTH
from tests.serve.conftest import FakeServed, Served, alive, start_fake
from tests.serve.test_serve_websocket import Terminal, page_websocket

WAIT_SECONDS = 10


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


class Tab(Terminal):
    """A tab whose fake game has started: `pid` names it in the record."""

    pid: int


async def started(http: aiohttp.ClientSession, served: FakeServed, query: str = "") -> Tab:
    before = {g["pid"] for g in served.games()}
    tab = Tab(await http.ws_connect(await page_websocket(http, served) + query))
    await tab.wait_for("fake game ready")
    [tab.pid] = [g["pid"] for g in served.games() if g["pid"] not in before]
    return tab


def told(served: FakeServed, tab: Tab, key: str) -> list[Any]:
    """What the server sent `tab`'s game: its "meta" packets or its "data" (keys)."""
    return [e[key] for e in served.entries() if e["game"] == tab.pid and key in e]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeServed]:
    """One server on this machine, shared by the tests that end their own games."""
    served = start_fake(tmp_path_factory.mktemp("local"))
    yield served
    served.end()


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[Callable[..., FakeServed]]:
    """Start a server of the test's own (`start_fake`); it and its games end with the test."""
    servers: list[FakeServed] = []

    def start(**options: Any) -> FakeServed:
        servers.append(start_fake(tmp_path / f"server{len(servers)}", **options))
        return servers[-1]

    yield start
    for served in servers:
        served.end()


# ---------------------------------------------------------------- only the page's own tab


async def test_a_websocket_from_a_foreign_origin_or_without_the_secret_is_refused(
    served: Served,
) -> None:
    """A page elsewhere that opens the game's websocket (its browser sends its Origin) gets
    nothing, and neither does anyone without this launch's secret, which the page holds."""
    async with aiohttp.ClientSession() as http:
        ws_url = await page_websocket(http, served)
        for origin in ("http://evil.example", "null", f"http://evil.example:{served.port}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await http.ws_connect(ws_url, headers={"Origin": origin})
            assert caught.value.status == 403
        base = ws_url.rsplit("/", 1)[0]
        for url, status in ((base, 404), (base + "/not-the-secret", 403)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await http.ws_connect(url, headers={"Origin": served.url})
            assert caught.value.status == status
        assert not served.saves.exists()  # nothing played, nothing saved
        async with http.ws_connect(ws_url, headers={"Origin": served.url}) as ws:
            await Terminal(ws).wait_for("New game")  # the page's own origin plays


# ---------------------------------------------------------------- sizes and messages


async def test_sizes_are_clamped_at_connect_and_on_resize(local: FakeServed) -> None:
    async with aiohttp.ClientSession() as http:
        tab = await started(http, local, "?width=100000&height=100000")
        await tab.ws.send_json(["resize", {"width": 20000, "height": 20000}])
        await tab.ws.send_json(["resize", {"width": 0, "height": -5}])
        await tab.ws.send_json(["resize", {"width": 120, "height": 40}])
        wait_until(lambda: len(told(local, tab, "meta")) >= 3, "the resizes")
        await tab.ws.close()
    [info] = [g for g in local.games() if g["pid"] == tab.pid]
    assert (info["columns"], info["rows"]) == (str(WIDTH[1]), str(HEIGHT[1]))
    sizes = [(m["width"], m["height"]) for m in told(local, tab, "meta") if "width" in m]
    assert sizes == [(WIDTH[1], HEIGHT[1]), (WIDTH[0], HEIGHT[0]), (120, 40)]


async def test_malformed_messages_are_ignored_and_the_game_goes_on(local: FakeServed) -> None:
    junk = [
        "not json",
        "[]",
        "{}",
        "[1, 2]",
        '["stdin", 5]',
        '["stdin"]',
        '["resize"]',
        '["resize", {"width": "wide", "height": null}]',
        '["resize", [1, 2]]',
        '["ping", {"x": 1}]',
        '["unknown", 1]',
        "[" * 100_000,
    ]
    async with aiohttp.ClientSession() as http:
        tab = await started(http, local)
        for text in junk:
            await tab.ws.send_str(text)
        await tab.ws.send_str('["stdin", "\\ud800k"]')  # a lone surrogate: not UTF-8
        await tab.ws.send_json(["stdin", "still here"])
        wait_until(lambda: "still here" in told(local, tab, "data"), "the keys")
        await tab.ws.close()
    assert told(local, tab, "data") == ["?k", "still here"]
    assert "Traceback" not in local.errors()
    assert local.errors().count("ignored a malformed message") == 1


async def test_without_public_every_tab_shares_the_save_folder(local: FakeServed) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(local.url + "/") as page:
            assert "Set-Cookie" not in page.headers
        tab = await started(http, local)
        await tab.ws.close()
    [info] = [g for g in local.games() if g["pid"] == tab.pid]
    assert info["args"] == ["--saves", str(local.saves.resolve())]


# ---------------------------------------------------------------- games and their end


async def test_games_are_capped_and_a_game_that_will_not_quit_is_killed(
    fake: Callable[..., FakeServed],
) -> None:
    served = fake(mode="hangs", max_games=1)
    async with aiohttp.ClientSession() as http:
        first = await started(http, served)
        async with http.get(served.url + "/") as page:
            assert page.status == 503
            assert "Every game is in use (this server runs 1 at once)" in await page.text()
        async with http.ws_connect(first.ws._response.url) as second:  # an older page's address
            turned_away = Terminal(second)
            await turned_away.wait_for("Every game is in use")
            await turned_away.wait_closed()
        assert len(served.games()) == 1  # no second game was started

        [info] = served.games()
        assert info["pgid"] == info["pid"]  # a process group of its own, no shell around it
        closed_at = time.monotonic()
        await first.ws.close()
        await asyncio.to_thread(wait_until, lambda: not alive(first.pid), "the kill")
        assert time.monotonic() - closed_at < QUIT_SECONDS + 3
        assert told(served, first, "meta")[-1] == {"type": "quit"}  # asked first
        # The server frees the place once it has reaped the killed game: soon after it died.
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            async with http.get(served.url + "/") as page:
                if page.status == 200:
                    break
                assert page.status == 503 and time.monotonic() < deadline, page.status
            await asyncio.sleep(0.05)


def test_ctrl_c_ends_hung_games_and_the_server_within_seconds(
    fake: Callable[..., FakeServed],
) -> None:
    served = fake(mode="hangs")

    async def two_games() -> aiohttp.ClientSession:
        http = aiohttp.ClientSession()
        await started(http, served)
        await started(http, served)
        return http

    loop = asyncio.new_event_loop()
    try:
        http = loop.run_until_complete(two_games())
        pids = [int(g["pid"]) for g in served.games()]
        began = time.monotonic()
        os.killpg(served.process.pid, signal.SIGINT)  # Ctrl+C, as the terminal sends it
        status, out, err = served.stop()
        took = time.monotonic() - began
        loop.run_until_complete(http.close())
    finally:
        loop.close()
    assert status == 0, err
    assert took < QUIT_SECONDS + 3
    assert out.rstrip().endswith("Stopped.")
    assert "Traceback" not in out + err
    assert not any(alive(pid) for pid in pids)


# ---------------------------------------------------------------- --public


async def test_public_gives_each_browser_its_own_save_folder(
    fake: Callable[..., FakeServed],
) -> None:
    served = fake(public=True)
    folders = []
    for _ in range(2):  # two browsers: two cookie jars
        jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies for an IP address host
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(served.url + "/") as page:
                cookie = page.headers["Set-Cookie"]
                assert "HttpOnly" in cookie
                assert "SameSite=Strict" in cookie
            tab = await started(http, served)
            await tab.ws.close()
            async with http.get(served.url + "/") as again:  # the same browser keeps its id
                assert "Set-Cookie" not in again.headers
        [info] = [g for g in served.games() if g["pid"] == tab.pid]
        folders.append(info["args"])
    for args in folders:
        assert args[0] == "--saves"
        assert re.fullmatch(re.escape(str(served.saves.resolve())) + r"/[0-9a-f]{32}", args[1])
    assert folders[0] != folders[1]

    async with aiohttp.ClientSession() as http:
        ws_url = await page_websocket(http, served)
    for cookies in ({}, {"hyosan_player": "../../elsewhere"}):  # no game in a shared folder
        async with aiohttp.ClientSession(cookies=cookies) as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await http.ws_connect(ws_url)
            assert caught.value.status == 403
    assert len(served.games()) == 2
