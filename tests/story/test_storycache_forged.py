"""A cache file this program did not write is rebuilt, even with a correct plain digest.

A cached story is not checked again and its scenes are compiled only when play reaches them,
so a forged one would crash play at that scene. Each cache file's digest is keyed with the
cache folder's own secret, which a forger's recomputed digest does not match.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from pathlib import Path

from game.engine import Game
from game.storycache import SECRET_BYTES, open_story, secret_path
from tests.conftest import STARTER


def forge(path: Path, change: dict[str, object]) -> None:
    """Edit the cached story's barricade scene, and put a plain digest of the new body."""
    body, _, _ = path.read_bytes().rpartition(b"\n")
    head, _, tables = body.partition(b"\n")
    doc = json.loads(head)
    starts = [0, *doc["ends"][:-1]]
    texts = [json.loads(tables[a:b]) for a, b in zip(starts, doc["ends"], strict=True)]
    texts[doc["ids"].index("barricade")].update(change)
    encoded = [json.dumps(t, separators=(",", ":")) for t in texts]
    doc["ends"] = list(itertools.accumulate(len(t) for t in encoded))
    body = json.dumps(doc, separators=(",", ":")).encode() + b"\n" + "".join(encoded).encode()
    path.write_bytes(body + b"\n" + hashlib.blake2b(body, digest_size=20).hexdigest().encode())


def test_a_forged_cache_with_a_recomputed_digest_is_rebuilt(tmp_path: Path) -> None:
    story_dir = Path(shutil.copytree(STARTER, tmp_path / "story"))
    cache = tmp_path / "cache"
    open_story(story_dir, directory=cache)
    [path] = cache.glob("*.json")
    forge(path, {"choices": [{"text": "Jump", "goto": "nowhere"}], "title": "Forged"})
    story = open_story(story_dir, directory=cache)
    game = Game.new(story, "Ji-ho", seed=1)
    game.choose(0)  # into the forged scene: it is the real one
    assert game.title == "Behind the desks"
    assert "Climb out of the window to the hall" in [c.text for c in game.choices]
    again = Game.new(open_story(story_dir, directory=cache), "Ji-ho", seed=1)  # rebuilt cache
    again.choose(0)
    assert again.title == "Behind the desks"


def test_the_key_is_private_and_a_damaged_key_is_replaced(tmp_path: Path) -> None:
    story_dir = Path(shutil.copytree(STARTER, tmp_path / "story"))
    cache = tmp_path / "cache"
    open_story(story_dir, directory=cache)
    key = secret_path(cache)
    assert key.parent == cache.parent  # beside the caches: tidying them never takes it
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes()) == SECRET_BYTES
    key.write_bytes(b"short")
    story = open_story(story_dir, directory=cache)
    assert Game.new(story, "Ji-ho", seed=1).title == "Class 2-5"
    assert len(key.read_bytes()) == SECRET_BYTES
