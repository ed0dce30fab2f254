"""The condition language: parsed once at load, then evaluated as closures, never with eval.

Grammar (lowest precedence first)::

    expr   := or
    or     := and ("or" and)*
    and    := not ("and" not)*
    not    := "not" not | cmp
    cmp    := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum    := prod (("+"|"-") prod)*
    prod   := unary ("*" unary)*
    unary  := "-" unary | atom
    atom   := INT | "true" | "false" | NAME | NAME "(" args ")" | "(" expr ")"

Names are flags and stats declared in the manifest, and the infection words `hybrid`,
`bitten`, `infected`, `human`, plus `turn`. Functions: `has(item[, n])`, `count(item)`,
`visited(scene)`, `visits(scene)`; their arguments may be bare ids or quoted strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Protocol


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


Value = int | bool
Evaluator = Callable[[StateView], Value]


class ConditionError(ValueError):
    """A condition that does not parse or names something unknown; `column` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True, slots=True)
class Literal:
    value: Value
    col: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    col: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Literal | Name, ...]
    col: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str
    operand: Node
    col: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node
    col: int


Node = Literal | Name | Call | Unary | Binary

INFECTION_WORDS = ("hybrid", "bitten", "infected", "human")
BUILTIN_NAMES = (*INFECTION_WORDS, "turn")
FUNCTIONS = {"has": "item", "count": "item", "visited": "scene", "visits": "scene"}
KEYWORDS = ("and", "or", "not", "true", "false")

_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<int>\d+)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<str>'[^']*'|"[^"]*")
      | (?P<op>==|!=|<=|>=|&&|\|\||[<>()+\-*,!])
    """,
    re.VERBOSE,
)

_COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
_ALIASES = {"&&": "and", "||": "or", "!": "not"}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    col: int


def _tokenize(src: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if m is None:
            hint = " (use '==' to compare)" if src[pos] == "=" else ""
            raise ConditionError(f"unexpected character {src[pos]!r}{hint}", pos + 1)
        kind = m.lastgroup or ""
        text = m.group()
        if kind == "op" and text in _ALIASES:
            raise ConditionError(f"write {_ALIASES[text]!r} instead of {text!r}", pos + 1)
        if kind == "name" and text in KEYWORDS:
            kind = text
        if kind != "ws":
            tokens.append(_Token(kind, text, pos + 1))
        pos = m.end()
    tokens.append(_Token("end", "", len(src) + 1))
    return tokens


MAX_NESTING = 40
"""Parentheses, `not` and `-` inside one another: the parser recurses on each."""
MAX_DEPTH = 100
"""Operators in the tree from root to leaf: compiling and evaluating recurse on each. With
both limits, check, play and every tool stay far from Python's recursion limit."""


class _Parser:
    def __init__(self, src: str) -> None:
        self.tokens = _tokenize(src)
        self.i = 0
        self.nesting = 0

    def nest(self, t: _Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ConditionError(
                f"nested too deeply: more than {MAX_NESTING} parentheses, 'not' or '-' inside "
                "one another; write it more simply",
                t.col,
            )

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def take(self, *kinds: str) -> _Token | None:
        t = self.tok
        if t.kind in kinds or (t.kind == "op" and t.text in kinds):
            self.i += 1
            return t
        return None

    def expect(self, text: str, what: str) -> _Token:
        t = self.take(text)
        if t is None:
            raise ConditionError(f"expected {what}, found {self._describe(self.tok)}", self.tok.col)
        return t

    @staticmethod
    def _describe(t: _Token) -> str:
        return "the end of the condition" if t.kind == "end" else repr(t.text)

    def parse(self) -> Node:
        node = self.or_()
        if _depth(node) > MAX_DEPTH:
            raise ConditionError(
                f"too long: more than {MAX_DEPTH} operators deep; split it into simpler conditions",
                1,
            )
        if self.tok.kind != "end":
            hint = ""
            if self.tok.text == "=":
                hint = " (use '==' to compare)"
            raise ConditionError(
                f"unexpected {self._describe(self.tok)}{hint}; expected 'and', 'or' or the end",
                self.tok.col,
            )
        return node

    def or_(self) -> Node:
        node = self.and_()
        while t := self.take("or"):
            node = Binary("or", node, self.and_(), t.col)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while t := self.take("and"):
            node = Binary("and", node, self.not_(), t.col)
        return node

    def not_(self) -> Node:
        if t := self.take("not"):
            self.nest(t)
            return Unary("not", self.not_(), t.col)
        return self.cmp()

    def cmp(self) -> Node:
        node = self.sum_()
        if t := self.take(*_COMPARISONS):
            node = Binary(t.text, node, self.sum_(), t.col)
            if self.tok.text in _COMPARISONS:
                raise ConditionError(
                    "comparisons cannot be chained; join them with 'and'", self.tok.col
                )
        return node

    def sum_(self) -> Node:
        node = self.prod()
        while t := self.take("+", "-"):
            node = Binary(t.text, node, self.prod(), t.col)
        return node

    def prod(self) -> Node:
        node = self.unary()
        while t := self.take("*"):
            node = Binary("*", node, self.unary(), t.col)
        return node

    def unary(self) -> Node:
        if t := self.take("-"):
            self.nest(t)
            return Unary("-", self.unary(), t.col)
        return self.atom()

    def atom(self) -> Node:
        t = self.tok
        if self.take("int"):
            if len(t.text) > 9:
                raise ConditionError("number too large (at most 9 digits)", t.col)
            return Literal(int(t.text), t.col)
        if self.take("true", "false"):
            return Literal(t.kind == "true", t.col)
        if self.take("("):
            self.nest(t)
            node = self.or_()
            self.expect(")", "')'")
            self.nesting -= 1
            return node
        if self.take("name"):
            if self.take("("):
                return self.call(t)
            return Name(t.text, t.col)
        if t.kind == "str":
            raise ConditionError(
                f"a quoted name is only allowed inside has(), count(), visited(): {t.text}",
                t.col,
            )
        raise ConditionError(f"expected a value, found {self._describe(t)}", t.col)

    def call(self, name: _Token) -> Call:
        args: list[Literal | Name] = []
        if not self.take(")"):
            while True:
                a = self.tok
                if self.take("name", "str"):
                    args.append(Name(a.text.strip("'\""), a.col))
                elif self.take("int"):
                    args.append(Literal(int(a.text[:9]), a.col))
                else:
                    raise ConditionError(
                        f"expected an id or a number, found {self._describe(a)}", a.col
                    )
                if self.take(")"):
                    break
                self.expect(",", "',' or ')'")
        return Call(name.text, tuple(args), name.col)


def _depth(node: Node) -> int:
    """How many nodes deep the tree is, counted without recursion."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        for child in ("operand", "left", "right"):
            sub = getattr(n, child, None)
            if sub is not None:
                stack.append((sub, d + 1))
    return deepest


def walk(node: Node) -> Iterator[Node]:
    """Every node of a condition's tree, the root first (function arguments not included)."""
    yield node
    for child in ("operand", "left", "right"):
        sub = getattr(node, child, None)
        if sub is not None:
            yield from walk(sub)


def parse_condition(src: str) -> Node:
    """Parse a condition string into a syntax tree; raises ConditionError with a column."""
    return _Parser(src).parse()


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
_INFECTION_TESTS: dict[str, Callable[[str], bool]] = {
    "hybrid": lambda s: s == "hybrid",
    "bitten": lambda s: s == "bitten",
    "infected": lambda s: s in ("bitten", "hybrid"),
    "human": lambda s: s == "human",
}
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
            if n in _INFECTION_TESTS:
                t = _INFECTION_TESTS[n]
                return lambda s: t(s.infection)
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
    ev = comp.value(node)
    why = comp.reason(node)
    return CompiledCondition(source=src, test=lambda s: bool(ev(s)), why_not=why, tree=node)
