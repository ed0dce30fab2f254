"""The condition language's syntax: tokens, the parser and its tree, with 1-based columns.

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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

Value = int | bool


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
