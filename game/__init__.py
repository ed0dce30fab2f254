"""Hyosan: a zombie-outbreak text adventure, and the engine to write more of it."""

__version__ = "0.1.0"
