"""What authors write: the scene format, its loader and checker. No UI, no writes."""

from game.story.diagnostics import Diagnostic, StoryError
from game.story.loader import check_story, default_story_dir, load_story
from game.story.story import Story

__all__ = ["Diagnostic", "Story", "StoryError", "check_story", "default_story_dir", "load_story"]
