"""`hyosan serve` refuses what it should, plainly: busy ports, public addresses, bad stories."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.serve import is_loopback, page_url, play_command
from tests.conftest import STARTER, STORIES
from tests.serve.conftest import STARTUP_SECONDS, Served, free_port, serve_args, wait_for_page


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        serve_args(*args), cwd=cwd, capture_output=True, text=True, timeout=STARTUP_SECONDS
    )


def test_second_instance_on_a_busy_port_says_so(served: Served, tmp_path: Path) -> None:
    second = run("--port", str(served.port), "--scenes", str(STARTER), cwd=tmp_path)
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"Port {served.port} is already in use; pick another with --port"
    )
    assert "Traceback" not in second.stdout + second.stderr
    assert served.process.poll() is None  # the first one keeps serving


def test_port_taken_after_the_check_is_reported_too(tmp_path: Path) -> None:
    """The bind itself fails (another program took the port between check and start)."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        script = textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from game import serve
            serve.port_in_use = lambda host, port: False
            sys.exit(serve.run_serve("127.0.0.1", {port}, Path({str(STARTER)!r}),
                                     Path("saves"), False, sys.stdout, sys.stderr))
        """)
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=STARTUP_SECONDS,
        )
    assert result.returncode == 1
    assert f"Port {port} is already in use; pick another with --port" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_public_address_without_public_is_refused(tmp_path: Path) -> None:
    result = run("--host", "0.0.0.0", "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode == 2
    assert "Refusing to serve on 0.0.0.0" in result.stderr
    assert "--public" in result.stderr
    assert result.stdout == ""


def test_public_warns_that_the_save_folder_is_shared(tmp_path: Path) -> None:
    """With --public it starts (here on loopback, to keep the test machine closed) and warns."""
    port = free_port()
    process = subprocess.Popen(
        serve_args("--public", "--port", str(port), "--scenes", str(STARTER), "--saves", "s"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    served = Served(process, f"http://127.0.0.1:{port}", port, tmp_path / "s")
    try:
        wait_for_page(served.url, process)
    finally:
        status, out, err = served.stop()
    assert status == 0
    assert "Warning: serving on 127.0.0.1 (--public)" in err
    assert str((tmp_path / "s").resolve()) in err
    assert f"Open http://127.0.0.1:{port}" in out


def test_unknown_host_is_refused(tmp_path: Path) -> None:
    result = run("--host", "no-such-host.invalid", cwd=tmp_path)
    assert result.returncode == 2
    assert "Cannot serve on 'no-such-host.invalid'" in result.stderr


def test_story_that_does_not_load_is_refused_before_serving(tmp_path: Path) -> None:
    broken = STORIES / "broken" / "dangling_goto"
    result = run("--port", str(free_port()), "--scenes", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "the story does not load" in result.stderr
    assert f"hyosan check {broken}" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_bad_port_is_a_usage_error(port: str, tmp_path: Path) -> None:
    result = run("--port", port, cwd=tmp_path)
    assert result.returncode == 2
    assert "is not a port number" in result.stderr


def test_play_command_is_absolute_and_quoted(tmp_path: Path) -> None:
    scenes = tmp_path / "my scenes; rm -rf x"
    command = play_command(scenes, Path("relative saves"))
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "game",
        "play",
        "--scenes",
        str(scenes.resolve()),
        "--saves",
        str(Path("relative saves").resolve()),
    ]
    assert "--scenes" not in play_command(None, tmp_path)


def test_loopback_and_urls() -> None:
    assert is_loopback(["127.0.0.1"])
    assert is_loopback(["127.0.0.1", "::1"])
    assert not is_loopback(["127.0.0.1", "192.168.1.5"])
    assert not is_loopback(["0.0.0.0"])
    assert not is_loopback([])
    assert page_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert page_url("::1", 8001) == "http://[::1]:8001"
