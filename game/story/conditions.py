"""The condition language: parsed once at load (`condition_syntax`), then evaluated as
closures, never with eval.

Names are flags and stats declared in the manifest, and the infection words `hybrid`,
`bitten`, `infected`, `human`, plus `turn`. Functions: `has(item[, n])`, `count(item)`,
`visited(scene)`, `visits(scene)`; their arguments may be bare ids or quoted strings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Protocol

from game.story.condition_syntax import (
    BUILTIN_NAMES,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_NESTING,
    Binary,
    Call,
    ConditionError,
    Literal,
    Name,
    Node,
    Unary,
    Value,
    parse_condition,
    walk,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_NESTING",
    "Binary",
    "Call",
    "CompiledCondition",
    "ConditionError",
    "Literal",
    "Name",
    "Names",
    "Node",
    "StateView",
    "Unary",
    "compile_condition",
    "did_you_mean",
    "parse_condition",
    "walk",
]


class StateView(Protocol):
    """What a condition may read: the engine's GameState satisfies this."""

    @property
    def flags(self) -> Mapping[str, bool]: ...
    @property
    def stats(self) -> Mapping[str, int]: ...
    @property
    def inventory(self) -> Mapping[str, int]: ...
    @property
    def visits(self) -> Mapping[str, int]: ...
    @property
    def infection(self) -> str: ...
    @property
    def turn(self) -> int: ...


Evaluator = Callable[[StateView], Value]
Test = Callable[[StateView], bool]


# ---------------------------------------------------------------- names and compiling


@dataclass(frozen=True)
class Names:
    """What a condition may refer to, with the words used to explain a closed choice."""

    flags: Mapping[str, str]  # id -> description
    stats: Mapping[str, str]  # id -> display name
    items: Mapping[str, str]  # id -> display name
    scenes: Mapping[str, str]  # id -> title


def did_you_mean(word: str, options: object) -> str:
    """` (did you mean 'x'?)` when something close exists, else an empty string."""
    matches = get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)  # type: ignore[attr-defined]
    return f"; did you mean '{matches[0]}'?" if matches else ""


@dataclass(frozen=True, slots=True)
class CompiledCondition:
    """A checked condition: `test` evaluates it, `why_not` explains a failure to a player,
    and `tree` is its syntax tree from the load, for tools that read what it asks about."""

    source: str
    test: Callable[[StateView], bool]
    why_not: Callable[[StateView], str]
    tree: Node


_CMP_WORDS = {
    ">=": "at least {n}",
    ">": "more than {n}",
    "<=": "at most {n}",
    "<": "less than {n}",
    "==": "exactly {n}",
    "!=": "not {n}",
}
_INFECTION_IS: dict[str, Test] = {
    "hybrid": lambda s: s.infection == "hybrid",
    "bitten": lambda s: s.infection == "bitten",
    "infected": lambda s: s.infection in ("bitten", "hybrid"),
    "human": lambda s: s.infection == "human",
}
_INFECTION_NOT: dict[str, Test] = {
    "hybrid": lambda s: s.infection != "hybrid",
    "bitten": lambda s: s.infection != "bitten",
    "infected": lambda s: s.infection not in ("bitten", "hybrid"),
    "human": lambda s: s.infection != "human",
}
"""The infection words as tests, and negated: one call each, with no lookup left."""
_STAT_TESTS: dict[str, Callable[[str, Value], Test]] = {
    ">=": lambda n, v: lambda s: s.stats.get(n, 0) >= v,
    ">": lambda n, v: lambda s: s.stats.get(n, 0) > v,
    "<=": lambda n, v: lambda s: s.stats.get(n, 0) <= v,
    "<": lambda n, v: lambda s: s.stats.get(n, 0) < v,
    "==": lambda n, v: lambda s: s.stats.get(n, 0) == v,
    "!=": lambda n, v: lambda s: s.stats.get(n, 0) != v,
}
"""A stat compared with a number (`health >= 3`, the commonest test) as one call."""
_INFECTION_REASONS = {
    "hybrid": ("only a hybrid could do this", "not as a hybrid"),
    "bitten": ("only after a bite", "not with a fresh bite"),
    "infected": ("only someone infected could", "not while infected"),
    "human": ("only a human could", "you are no longer human enough"),
}


class _Compiler:
    def __init__(self, names: Names, src: str) -> None:
        self.names = names
        self.src = src

    # ---- name checks

    def arg_id(self, call: Call, kind: str) -> str:
        if not call.args or not isinstance(call.args[0], Name):
            raise ConditionError(
                f"{call.func}() needs {'an' if kind == 'item' else 'a'} {kind} id", call.col
            )
        a = call.args[0]
        table = self.names.items if kind == "item" else self.names.scenes
        if a.name not in table:
            raise ConditionError(
                f"unknown {kind} '{a.name}' in {call.func}(){did_you_mean(a.name, table)}",
                a.col,
            )
        return a.name

    def test(self, node: Node) -> Test:
        """Compile a node to a test: a function of the state giving a bool, in as few
        calls as it can (a test runs for every condition of every step). The names are
        checked in the same order as `value` checks them, so the errors are the same."""
        if isinstance(node, Name):
            n = node.name
            if n in self.names.flags:  # flags hold bools
                return lambda s: s.flags.get(n, False)
            if n in _INFECTION_IS and n not in self.names.stats:
                return _INFECTION_IS[n]
        elif isinstance(node, Call) and node.func in ("has", "visited"):
            return self.call(node)  # type: ignore[return-value]  # these give bools
        elif isinstance(node, Unary) and node.op == "not":
            return self.negation(node.operand)
        elif isinstance(node, Binary) and node.op in ("and", "or"):
            a, b = self.test(node.left), self.test(node.right)
            if node.op == "and":
                return lambda s: a(s) and b(s)
            return lambda s: a(s) or b(s)
        elif isinstance(node, Binary) and node.op in _CMP_WORDS:
            left, right = node.left, node.right
            if (
                isinstance(left, Name)
                and left.name in self.names.stats
                and left.name not in self.names.flags
                and isinstance(right, Literal)
            ):
                return _STAT_TESTS[node.op](left.name, right.value)
            return self.binary(node)  # type: ignore[return-value]  # comparisons give bools
        elif isinstance(node, Literal) and isinstance(node.value, bool):
            v = node.value
            return lambda s: v
        ev = self.value(node)
        return lambda s: bool(ev(s))

    def negation(self, node: Node) -> Test:
        """`not node` as a test."""
        if isinstance(node, Name):
            n = node.name
            if n in self.names.flags:
                return lambda s: not s.flags.get(n, False)
            if n in _INFECTION_NOT and n not in self.names.stats:
                return _INFECTION_NOT[n]
        t = self.test(node)
        return lambda s: not t(s)

    def value(self, node: Node) -> Evaluator:
        """Compile a node to a function of the state."""
        if isinstance(node, Literal):
            v = node.value
            return lambda s: v
        if isinstance(node, Name):
            n = node.name
            if n in self.names.flags:
                return lambda s: s.flags.get(n, False)
            if n in self.names.stats:
                return lambda s: s.stats.get(n, 0)
            if n in _INFECTION_IS:
                return _INFECTION_IS[n]
            if n == "turn":
                return lambda s: s.turn
            where = ""
            if n in self.names.items:
                where = f"; '{n}' is an item: write has({n})"
            elif n in self.names.scenes:
                where = f"; '{n}' is a scene: write visited({n})"
            else:
                known = [*self.names.flags, *self.names.stats, *BUILTIN_NAMES]
                where = did_you_mean(n, known)
            raise ConditionError(f"unknown name '{n}'{where}", node.col)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Unary):
            x = self.value(node.operand)
            if node.op == "not":
                return lambda s: not x(s)
            return lambda s: -x(s)
        return self.binary(node)

    def call(self, node: Call) -> Evaluator:
        if node.func not in FUNCTIONS:
            hint = did_you_mean(node.func, FUNCTIONS) or f" (functions: {', '.join(FUNCTIONS)})"
            raise ConditionError(f"unknown function '{node.func}'{hint}", node.col)
        kind = FUNCTIONS[node.func]
        ident = self.arg_id(node, kind)
        max_args = 2 if node.func == "has" else 1
        if len(node.args) > max_args:
            raise ConditionError(f"{node.func}() takes at most {max_args} argument(s)", node.col)
        if node.func == "has":
            n = 1
            if len(node.args) == 2:
                arg = node.args[1]
                if not isinstance(arg, Literal):
                    raise ConditionError("the count in has(item, n) must be a number", arg.col)
                n = int(arg.value)
            return lambda s: s.inventory.get(ident, 0) >= n
        if node.func == "count":
            return lambda s: s.inventory.get(ident, 0)
        if node.func == "visited":
            return lambda s: s.visits.get(ident, 0) > 0
        return lambda s: s.visits.get(ident, 0)

    def binary(self, node: Binary) -> Evaluator:
        a, b = self.value(node.left), self.value(node.right)
        match node.op:
            case "and":
                return lambda s: a(s) and b(s)
            case "or":
                return lambda s: a(s) or b(s)
            case "==":
                return lambda s: a(s) == b(s)
            case "!=":
                return lambda s: a(s) != b(s)
            case "<":
                return lambda s: a(s) < b(s)
            case "<=":
                return lambda s: a(s) <= b(s)
            case ">":
                return lambda s: a(s) > b(s)
            case ">=":
                return lambda s: a(s) >= b(s)
            case "+":
                return lambda s: a(s) + b(s)
            case "-":
                return lambda s: a(s) - b(s)
            case _:
                return lambda s: a(s) * b(s)

    # ---- explanations

    def reason(self, node: Node, negated: bool = False) -> Callable[[StateView], str]:
        """A function giving the player-facing reason this (sub)condition is false."""
        if isinstance(node, Unary) and node.op == "not":
            return self.reason(node.operand, not negated)
        if isinstance(node, Binary) and node.op in ("and", "or"):
            conj = (node.op == "and") != negated
            la = self.value(node.left)
            ra, rb = self.reason(node.left, negated), self.reason(node.right, negated)
            if conj:  # fails because one side fails: name that side
                if negated:
                    return lambda s: ra(s) if la(s) else rb(s)
                return lambda s: ra(s) if not la(s) else rb(s)
            return lambda s: f"{ra(s)}, or {rb(s)}"
        text = self.leaf_reason(node, negated)
        return lambda s: text

    def leaf_reason(self, node: Node, negated: bool) -> str:
        names = self.names
        if isinstance(node, Name):
            n = node.name
            if n in _INFECTION_REASONS:
                return _INFECTION_REASONS[n][negated]
            if n in names.flags:
                desc = names.flags[n] or n
                return f"not if: {desc}" if negated else f"requires: {desc}"
        if isinstance(node, Call) and node.args and isinstance(node.args[0], Name):
            ident = node.args[0].name
            if node.func == "has":
                item = names.items.get(ident, ident)
                extra = node.args[1] if len(node.args) > 1 else None
                count = extra.value if isinstance(extra, Literal) else 1
                if negated:
                    return f"not while carrying {item}"
                return f"needs {item}" + (f" ×{count}" if count != 1 else "")
            if node.func == "visited":
                title = names.scenes.get(ident, ident)
                return f"only after: {title}" if not negated else f"not after: {title}"
        if (
            isinstance(node, Binary)
            and node.op in _CMP_WORDS
            and isinstance(node.left, Name)
            and node.left.name in names.stats
            and isinstance(node.right, Literal)
        ):
            op = node.op
            if negated:
                op = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}[op]
            stat = names.stats[node.left.name]
            return f"{stat} must be {_CMP_WORDS[op].format(n=node.right.value)}"
        text = self.src[:200]
        return f"requires: {'not ' if negated else ''}{text}"


def compile_condition(src: str, names: Names) -> CompiledCondition:
    """Parse and name-check `src`; raises ConditionError (with a column) on any problem."""
    node = parse_condition(src)
    comp = _Compiler(names, src)
    test = comp.test(node)
    why = comp.reason(node)
    return CompiledCondition(source=src, test=test, why_not=why, tree=node)
