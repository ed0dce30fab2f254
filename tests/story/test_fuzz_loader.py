"""No input, however broken, makes the loader raise anything but a clean StoryError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story import StoryError, check_story, load_story

STARTER = Path(__file__).parent.parent / "stories" / "starter"
SCENES = (STARTER / "school.toml").read_text()
MANIFEST = (STARTER / "story.toml").read_text()

FIXTURE_OK = [HealthCheck.function_scoped_fixture]
toml_scalars = st.one_of(
    st.integers(-(10**20), 10**20),
    st.text(max_size=30).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
    st.sampled_from(["true", "false", "[]", "{}", "[1, 2]", '{ give = ["x"] }', "1.5"]),
)


def _write(tmp: Path, manifest: str, scenes: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "story.toml").write_text(manifest, encoding="utf-8")
    (tmp / "school.toml").write_text(scenes, encoding="utf-8")
    return tmp


def _assert_clean(folder: Path) -> None:
    story, diagnostics = check_story(folder)
    if story is None:
        assert any(d.severity == "error" for d in diagnostics)
        for d in diagnostics:
            assert d.line >= 1 and d.col >= 1 and d.message
        try:
            load_story(folder)
        except StoryError as e:
            assert e.errors
        else:  # pragma: no cover - a story that checks must load
            raise AssertionError("check_story failed but load_story succeeded")


def _replace_value(source: str, line: int, value: str) -> str:
    """`source` with the value on `line` (if it holds a `key =`) replaced by `value`."""
    lines = source.splitlines()
    if "=" in lines[line]:
        key = lines[line].split("=", 1)[0]
        lines[line] = f"{key}= {value}"
    return "\n".join(lines)


@settings(suppress_health_check=FIXTURE_OK)
@given(cut=st.integers(0, len(SCENES)), junk=st.text(max_size=40))
def test_truncated_or_spliced_scene_file(tmp_path: Path, cut: int, junk: str) -> None:
    _assert_clean(_write(tmp_path / "s", MANIFEST, SCENES[:cut] + junk + SCENES[cut:]))


@settings(suppress_health_check=FIXTURE_OK)
@given(line=st.integers(0, len(SCENES.splitlines()) - 1), value=toml_scalars)
def test_any_value_replaced(tmp_path: Path, line: int, value: str) -> None:
    _assert_clean(_write(tmp_path / "s", MANIFEST, _replace_value(SCENES, line, value)))


@settings(suppress_health_check=FIXTURE_OK)
@given(line=st.integers(0, len(MANIFEST.splitlines()) - 1), value=toml_scalars)
def test_any_manifest_value_replaced(tmp_path: Path, line: int, value: str) -> None:
    _assert_clean(_write(tmp_path / "s", _replace_value(MANIFEST, line, value), SCENES))


@settings(suppress_health_check=FIXTURE_OK)
@given(condition=st.text(alphabet="abhsn()_ <>=!&|+-*,'\"0123456789 ", max_size=30))
def test_any_condition(tmp_path: Path, condition: str) -> None:
    scenes = SCENES.replace('when = "has(keycard)"', f"when = {condition!r}".replace("\\", ""))
    _assert_clean(_write(tmp_path / "s", MANIFEST, scenes))


def test_binary_garbage(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "story.toml").write_bytes(bytes(range(256)))
    _assert_clean(folder)
