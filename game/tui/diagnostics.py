"""A story diagnostic as one line for the error screens, its path relative to where the
author works."""

from __future__ import annotations

from game.saves.errors import shown as shown_path
from game.story.diagnostics import Diagnostic


def shown(d: Diagnostic) -> str:
    """`path:line:col: severity: message`, the path relative to the working folder if inside."""
    return f"{shown_path(d.path)}:{d.line}:{d.col}: {d.severity}: {d.message}"
