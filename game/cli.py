"""The `hyosan` command: `play` (the default), `check`, and the authoring tools.

Each subcommand is a thin wrapper over a module that tests call directly. Playing is parsed
first by a parser that knows only `play` and its options: registering the tools imports the
story loader and pydantic, which the title screen must not wait for. Anything that parser
does not take (another command, `--help`, a mistake) is parsed by the whole parser, as ever.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO


def _play(args: argparse.Namespace) -> int:
    if args.plain and args.dev:
        print(
            "hyosan: --dev (live reload and dev commands) works in the full-screen game only; "
            "run `hyosan play --dev` without --plain",
            file=sys.stderr,
        )
        return 2
    if args.plain:
        from game.plain import run_plain

        if sys.stdout is None:
            return _closed("standard output is closed: plain mode has nowhere to write")
        # A closed stdin reads as the end of input; bytes that are not UTF-8 (a name typed in
        # another encoding) read as U+FFFD instead of failing.
        stdin = _tolerant(sys.stdin) if sys.stdin is not None else io.StringIO("")
        return run_plain(args.scenes, args.saves, stdin, _tolerant(sys.stdout), args.seed)
    if sys.stdin is None or sys.stdout is None:
        return _closed(
            "standard input or output is closed: the full-screen game needs a terminal "
            "(`hyosan play --plain` reads and writes lines)"
        )
    from game.tui.app import run_app

    return run_app(args.scenes, args.saves, dev=args.dev, seed=args.seed)


def _tolerant(stream: TextIO) -> TextIO:
    """`stream` with undecodable or unencodable characters replaced, never raised."""
    if isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError):
            stream.reconfigure(errors="replace")
    return stream


def _closed(problem: str) -> int:
    if sys.stderr is not None:
        print(f"hyosan: {problem}.", file=sys.stderr)
    return 1


def _check(args: argparse.Namespace) -> int:
    from game.check import run_check

    return run_check(args.dir, sys.stdout)


def _add_play_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenes", type=Path, default=None, help="story folder (default: shipped)")
    p.add_argument("--saves", type=Path, default=None, help="save folder (default: saves/)")
    p.add_argument("--plain", action="store_true", help="numbered lines on stdin/stdout")
    p.add_argument("--dev", action="store_true", help="reload the story when its files change")
    p.add_argument("--seed", type=int, default=None, help="fix the random outcomes of new games")


class _NotPlay(Exception):
    """The play-only parser met something else: the whole parser takes over."""


class _PlayParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotPlay(message)


def _base_parser(
    parser_class: type[argparse.ArgumentParser],
) -> tuple[argparse.ArgumentParser, Any]:
    """The top level and the `play` command, which both parsers share; and the subparsers."""
    parser = parser_class(
        prog="hyosan",
        description="A zombie-outbreak text adventure at Hyosan High School.",
        add_help=parser_class is not _PlayParser,
    )
    _add_play_options(parser)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser(
        "play", help="play the story (the default)", add_help=parser_class is not _PlayParser
    )
    _add_play_options(play)
    play.set_defaults(func=_play)
    parser.set_defaults(func=_play)
    return parser, sub


def parse_play(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`argv` parsed as playing (`hyosan`, `hyosan play --seed 3`...), or None when it is
    anything else."""
    try:
        return _base_parser(_PlayParser)[0].parse_args(argv)
    except _NotPlay:
        return None


def build_parser() -> argparse.ArgumentParser:
    parser, sub = _base_parser(argparse.ArgumentParser)
    check = sub.add_parser("check", help="check a story folder and list every problem")
    check.add_argument("dir", nargs="?", type=Path, default=None)
    check.set_defaults(func=_check)
    from game.tools import graph, new, playtest, schema

    for tool in (playtest, graph, schema, new):
        tool.register(sub)
    new.register_guide(sub)
    from game import serve

    serve.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_play(argv) or build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
