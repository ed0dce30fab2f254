"""The page's messages and sizes, checked without a server: anything odd is clamped or None."""

from __future__ import annotations

import pytest

from game.serve_game import DEFAULT_SIZE, HEIGHT, WIDTH, Message, clamp_size, parse_message
from game.serve_server import same_origin


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        ("100", "30", (100, 30)),
        ("100000", "100000", (WIDTH[1], HEIGHT[1])),
        (20000, 20000, (WIDTH[1], HEIGHT[1])),
        (0, -5, (WIDTH[0], HEIGHT[0])),
        (None, "x", DEFAULT_SIZE),
        (True, 1e400, (DEFAULT_SIZE[0], HEIGHT[1])),
        (float("nan"), " 40 ", (DEFAULT_SIZE[0], 40)),
        ("9" * 5000, "-" + "9" * 5000, (WIDTH[1], HEIGHT[0])),
    ],
)
def test_sizes_are_clamped(width: object, height: object, expected: tuple[int, int]) -> None:
    assert clamp_size(width, height) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('["stdin", "q"]', Message("stdin", text="q")),
        ('["resize", {"width": 20000, "height": 3}]', Message("resize", size=(500, 5))),
        ('["ping", "abc"]', Message("ping", data="abc")),
        ('["focus"]', Message("focus")),
        ('["blur", null]', Message("blur")),
        ("not json", None),
        ("[]", None),
        ('{"stdin": "q"}', None),
        ('["stdin", 5]', None),
        ('["resize", "20000x20000"]', None),
        ('["ping", {"deep": [1]}]', None),
        ('[["stdin"], "q"]', None),
        ("[" * 100_000, None),
    ],
)
def test_messages_are_parsed_or_refused(raw: str, expected: Message | None) -> None:
    assert parse_message(raw) == expected


@pytest.mark.parametrize(
    ("origin", "host", "expected"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://example.org", "example.org:80", True),
        ("https://example.org", "example.org", True),  # behind an https proxy
        ("http://example.org:9999", "example.org", False),
        ("https://example.org", "example.org:80", False),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("file://", "127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000.evil.example", "127.0.0.1:8000", False),
    ],
)
def test_origin_must_be_the_served_host(origin: str, host: str, expected: bool) -> None:
    assert same_origin(origin, host) is expected
