"""Slot names become file names: every escape is refused, ordinary names are tidied."""

from __future__ import annotations

from pathlib import Path

import pytest

import game
from game.saves import AUTOSAVE, QUICKSAVE, SaveError, SaveFolder, default_save_dir, slot_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("autosave", "autosave"),
        ("  before   the roof ", "before the roof"),
        ("slot-2_b.final", "slot-2_b.final"),
        ("mine.json", "mine"),
        ("tab\there", "tab here"),
        ("Min-ji's", None),
        ("스테이지1", "스테이지1"),
    ],
)
def test_ordinary_names_are_tidied(raw: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(SaveError, match="is not a slot name"):
            slot_name(raw)
    else:
        assert slot_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("../x", "must not contain '/', '\\' or '..'"),
        ("a/../../etc/passwd", "must not contain"),
        ("/etc/passwd", "must not contain"),
        ("C:\\saves\\x", "must not contain"),
        ("..", "must not contain"),
        ("a\x00b", "NUL character"),
        ("x" * 65, "at most 64 characters"),
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("CON", "reserved name"),
        ("con.txt", "reserved name"),
        ("lpt1", "reserved name"),
        ("endings", "reserved name"),
        ("autosave.bak", "reserved name"),
        ("x.tmp", "reserved name"),
        (".hidden", "is not a slot name"),
        ("bell\x07", "control characters"),
        ("a/\x1b]0;pwned\x07", "control characters"),  # the message never quotes them
        ("\x9b31m" + "x" * 70, "control characters"),
        ("dot.", "is not a slot name"),
    ],
)
def test_escapes_and_reserved_names_are_refused(raw: str, message: str) -> None:
    with pytest.raises(SaveError) as caught:
        slot_name(raw)
    assert message in str(caught.value)
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in str(caught.value))


def test_every_folder_method_checks_the_name(tmp_path: Path, starter: object) -> None:
    folder = SaveFolder(tmp_path / "saves")
    with pytest.raises(SaveError):
        folder.exists("../escape")
    with pytest.raises(SaveError):
        folder.delete("/etc/passwd")
    assert not (tmp_path / "saves").exists()


def test_well_known_slots_are_valid_names() -> None:
    assert slot_name(AUTOSAVE) == "autosave"
    assert slot_name(QUICKSAVE) == "quicksave"


def test_save_dir_override_beats_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYOSAN_SAVES", str(tmp_path / "env"))
    assert default_save_dir(tmp_path / "given") == tmp_path / "given"
    assert default_save_dir() == tmp_path / "env"


def test_save_dir_is_the_checkout_folder_when_running_from_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HYOSAN_SAVES", raising=False)
    checkout = Path(game.__file__).resolve().parents[1]
    assert (checkout / "pyproject.toml").is_file()
    assert default_save_dir() == checkout / "saves"


def test_save_dir_falls_back_to_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYOSAN_SAVES", raising=False)
    monkeypatch.setattr(game, "__file__", str(tmp_path / "site" / "game" / "__init__.py"))
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / "data" / app))
    assert default_save_dir() == tmp_path / "data" / "hyosan" / "saves"
