"""Where a problem is: a story file with its source, and the collector of problems.

Every check of a story reports through a `Reporter`, at a key path (`hall, choice 2, when`)
that a `SourceFile` turns into a line and column of the file the author wrote.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.story.diagnostics import Diagnostic, Severity
from game.story.model import Defaults
from game.story.schema_errors import Loc, explain_all
from game.story.sourcemap import SourceMap

_M = typing.TypeVar("_M", bound=BaseModel)


@dataclass
class SourceFile:
    """One story file: its path, its text (for positions) and its parsed tables."""

    path: Path
    source: str
    data: dict[str, Any]
    _map: SourceMap | None = None
    defaults: Defaults | None = None

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = SourceMap(self.source)
        return self._map

    def locate(self, loc: Loc) -> tuple[int, int]:
        return self.map.locate(loc)

    def locate_in_value(self, loc: Loc, needle: str, column: int = 1) -> tuple[int, int]:
        """Position of `column` within `needle`, written on the line of the key at `loc`."""
        line, col = self.locate(loc)
        lines = self.source.splitlines()
        if 0 < line <= len(lines):
            at = lines[line - 1].find(needle, col - 1)
            if at >= 0:
                return line, at + column
        return line, col


@dataclass
class Reporter:
    """Collects every problem of a story, with file, line and column, before any is shown."""

    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)

    def report(
        self,
        file: SourceFile | Path,
        line: int,
        col: int,
        message: str,
        severity: Severity = "error",
    ) -> None:
        path = file.path if isinstance(file, SourceFile) else file
        self.diagnostics.append(Diagnostic(path, line, col, severity, message))

    def at(self, file: SourceFile, loc: Loc, message: str, severity: Severity = "error") -> None:
        self.report(file, *file.locate(loc), message, severity)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def validate(
        self, file: SourceFile, model: type[_M], data: dict[str, Any], prefix: Loc
    ) -> _M | None:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            for loc, message in explain_all(model, e, prefix):
                self.at(file, prefix + loc, message)
            return None
