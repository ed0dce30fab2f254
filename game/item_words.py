"""Items as a player names them: any word of the name, in any case (`use notebook` for
"Lee's notebook"), never the story's internal ids. Used by plain mode's `use`."""

from __future__ import annotations

import re

from game.engine import ItemView


def name_words(text: str) -> list[str]:
    """The words of an item's name as a player may type them: `Lee's notebook` gives
    lee's, lee, notebook."""
    words = []
    for word in re.findall(r"[\w'’]+", text.casefold()):
        words.append(word)
        stem = re.sub(r"['’]s?$", "", word)
        if stem and stem != word:
            words.append(stem)
    return words


def find_items(items: list[ItemView], text: str) -> list[ItemView]:
    """The items `text` names: its whole name, or words of it, in any case. Several when
    it is ambiguous; an exact name always wins."""
    wanted = " ".join(text.casefold().split())
    if not wanted:
        return []
    exact = [i for i in items if wanted in (i.name.casefold(), i.id.casefold())]
    if exact:
        return exact[:1]
    words = name_words(wanted)
    return [i for i in items if words and all(w in name_words(i.name) for w in words)]
