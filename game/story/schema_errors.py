"""Schema errors in the project's own words: where a key is, what it must be, what to do.

pydantic's messages ("Input should be a valid integer", Python's `True`) never reach an
author or a player: every validation error of a story file or a save is put in these words,
with key paths numbered from 1 as the player sees them (`hall, choice 2, text`).
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.story import model as model_module
from game.story.conditions import did_you_mean

Loc = tuple[str | int, ...]


def explain_all(model: type[BaseModel], e: ValidationError, prefix: Loc) -> list[tuple[Loc, str]]:
    """One message a place: where a key may take several shapes (a table or a list, a
    scene id or branches), the shapes it failed are named together, and a shape that
    failed deeper inside (the author clearly meant it) wins over the others."""
    by_loc: dict[Loc, list[Any]] = {}
    for err in e.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
        by_loc.setdefault(loc, []).append(err)
    out: list[tuple[Loc, str]] = []
    for loc, errs in by_loc.items():
        shapes_only = all(str(err["type"]).endswith("_type") for err in errs)
        deeper = any(other[: len(loc)] == loc and len(other) > len(loc) for other in by_loc)
        if deeper and shapes_only:
            continue  # a wrong-shape alternative of a value that failed deeper
        if len(errs) > 1 and shapes_only:
            shapes = [_PLAIN_TYPE_ERRORS.get(str(err["type"]), "") for err in errs]
            shapes = [s.removeprefix("must be ") for s in dict.fromkeys(shapes) if s]
            where = describe((*prefix, *loc))
            instead = got(errs[0].get("input"))
            out.append((loc, f"{where}: must be {', or '.join(shapes)}{instead}"))
            continue
        out.append((loc, _explain(model, loc, errs[0], prefix)))
    return out


_MODEL_NAMES = frozenset(
    name for name, value in vars(model_module).items() if isinstance(value, type)
)


def _is_union_tag(part: str | int) -> bool:
    """pydantic names the alternatives of a union in its error paths; authors never see them."""
    return isinstance(part, str) and (
        "[" in part
        or part in ("bool", "int", "str", "float")
        or part.startswith(("constrained-", "function-"))
        or part in _MODEL_NAMES
    )


def describe(loc: Loc) -> str:
    """A key path as the author reads it: `hall, choice 2, text` (numbered from 1)."""
    groups: list[list[str]] = [[]]
    for part in loc:
        if isinstance(part, int):
            name = groups[-1].pop() if groups[-1] else "item"
            groups.append([f"{_SINGULAR.get(name, name)} {part + 1}"])
            groups.append([])
        else:
            groups[-1].append(part)
    return ", ".join(".".join(g) for g in groups if g)


_SINGULAR = {
    "choices": "choice",
    "branch": "branch",
    "variants": "variant",
    "actions": "action",
    "outcomes": "outcome",
    "effects": "effect",
    "on_enter": "on_enter effect",
    "next": "next branch",
}


def _explain(model: type[BaseModel], loc: Loc, err: Any, prefix: Loc) -> str:
    kind = err["type"]
    where = describe((*prefix, *loc))
    parent = describe((*prefix, *loc[:-1])) or "the file"
    key = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        if len(loc) >= 3 and isinstance(loc[-2], int) and key in _fields_at(model, loc[:-3]):
            table = ".".join(str(p) for p in (*prefix, *loc[:-2]))
            return (
                f"'{key}' is read as a key of {parent} because it follows [[{table}]]: TOML "
                f"puts every key after a [[...]] line into that table; move '{key}' above the "
                f"first [[{table}]]"
            )
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(key, allowed) if allowed else ""
        listing = f" (allowed: {', '.join(sorted(allowed))})" if allowed and not hint else ""
        return f"unknown key '{key}' in {parent}{hint}{listing}"
    if kind == "missing":
        return f"missing required key '{key}' in {parent}; add it"
    if kind == "string_pattern_mismatch":
        return (
            f"{where}: '{err['input']}' is not a valid id; use letters, digits and underscores, "
            "not starting with a digit"
        )
    msg = plain_error(kind, err)
    if kind in ("model_type", "dict_type") and isinstance(err.get("input"), list):
        msg += " (did you write [[...]] where [...] was meant?)"
    if kind == "list_type" and isinstance(err.get("input"), dict):
        table = ".".join(str(p) for p in (*prefix, *loc))
        msg = f"must be a list: write [[{table}]] (double brackets) before each entry"
    return f"{where}: {msg}" if where else msg


def plain_error(kind: str, err: Any) -> str:
    """The project's own words for a pydantic error: no Python names reach the author."""
    ctx = err.get("ctx") or {}
    if kind in _PLAIN_TYPE_ERRORS:
        return _PLAIN_TYPE_ERRORS[kind] + got(err.get("input"))
    if kind == "string_too_short":
        return (
            "must not be empty"
            if ctx.get("min_length") == 1
            else (f"must be at least {ctx.get('min_length')} characters long")
        )
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("too_long",):
        return f"has too many entries: at most {ctx.get('max_length')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}".replace("'", '"')
    return str(err["msg"]).removeprefix("Value error, ")


def got(value: Any) -> str:
    """What the author wrote instead, in TOML's words."""
    if isinstance(value, bool):
        return f" (got {'true' if value else 'false'})"
    if isinstance(value, str):
        return f' (got "{value}" in quotes)' if len(value) < 40 else " (got text in quotes)"
    if isinstance(value, int | float):
        return f" (got {value})"
    if isinstance(value, list):
        return " (got a list)"
    if isinstance(value, dict):
        return " (got a table)"
    return ""


_PLAIN_TYPE_ERRORS = {
    "string_type": "must be text in quotes",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type_strict": "must be true or false",
    "list_type": "must be a list: [ ... ]",
    "dict_type": "must be a table",
    "model_type": "must be a table",
}


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc` inside `model`, to suggest a fix for an unknown key."""
    current: Any = model
    for part in loc:
        current = _unwrap(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any, part: str | int) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        f = tp.model_fields.get(str(part))
        return _model_in(f.annotation) if f else None
    origin = typing.get_origin(tp)
    if origin in (list, dict):
        return _model_in(typing.get_args(tp)[-1])
    return None


def _model_in(tp: Any) -> Any:
    """Strip Optional/Annotated/unions down to a model or container type."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = _model_in(arg)
            if (isinstance(inner, type) and issubclass(inner, BaseModel)) or typing.get_origin(
                inner
            ) in (list, dict):
                return inner
        return None
    return tp


def describe_error(e: ValidationError) -> str:
    """The first problem of a validation error, located, in plain words: for saves."""
    first = e.errors(include_url=False)[0]
    loc = tuple(p for p in first["loc"] if not _is_union_tag(p))
    more = e.error_count() - 1
    tail = f" (and {more} more problem{'s' * (more != 1)})" if more else ""
    where = describe(loc) or "the document"
    return f"{where}: {plain_error(str(first['type']), first)}{tail}"
