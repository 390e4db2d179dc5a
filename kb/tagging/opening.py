"""Case-insensitive patterns rewritten to open on a character class the regex engine can skip
to. Pure.

A pattern compiled with IGNORECASE gets no literal-prefix or character-set search from the
standard library's engine: it is tried at every position of a text. One opening on a set of
letters given in both cases, in a group where IGNORECASE is off (`(?-i:[Ww])`), gets the
engine's character-set search, which passes over every other character in C. So a pattern
such as `\\b(?:we|our)\\s` is compiled as `(?-i:[WOwo])(?<!\\w.)(?:(?<=w)e|(?<=o)ur)\\s`: the
first letter is taken by the class, the zero-width tests before it (`\\b`, `^`, look-behinds)
are made one character further on, and each alternative checks the letter taken was its own.
The matches are the same, at the same places, with the same groups (2-4x faster on the
patterns that open on a word). A pattern of any other shape is compiled as written.
"""

from __future__ import annotations

import re
from functools import cache

# What IGNORECASE matches to each ASCII letter beyond its two cases: long s, Kelvin sign,
# dotted capital I and dotless i (tests check this table against the engine, code point by
# code point).
_FOLDS = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}
_QUANTIFIERS = "?*+{"


def compile_i(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return PATTERN compiled case-insensitively (with FLAGS), rewritten by
    fast_opening() where it can be."""
    return re.compile(fast_opening(pattern, flags | re.IGNORECASE), flags | re.IGNORECASE)


@cache
def fast_opening(pattern: str, flags: int = re.IGNORECASE) -> str:
    """Return PATTERN rewritten to open on a class of letters (see the module's doc), or
    PATTERN itself where its shape is not one rewritten. Rewritten: zero-width tests (`\\b`,
    `^`, look-behinds, a group of `^` and look-behinds), then an ASCII letter not followed by
    a quantifier or a non-capturing group, not followed by one, of alternatives each of that
    shape (a group that is a whole alternative read as its own alternatives); alternatives at
    the top level each of that shape; IGNORECASE without VERBOSE or LOCALE."""
    if not flags & re.IGNORECASE or flags & (re.VERBOSE | re.LOCALE):
        return pattern
    try:
        if len(_split(pattern)) > 1:
            tests: list[str] = []
            alternatives = _alternatives(pattern)
            rest = ""
        else:
            tests, position = _zero_width(pattern)
            if pattern.startswith("(?:", position):
                end = _close(pattern, position)
                if end + 1 < len(pattern) and pattern[end + 1] in _QUANTIFIERS:
                    raise _Unsupported
                alternatives = _alternatives(pattern[position + 3 : end])
                rest = pattern[end + 1 :]
            else:
                alternatives = [_letter_first(pattern[position:], [])]
                rest = ""
    except _Unsupported:
        return pattern
    letters = sorted({letter.lower() for letter, _ in alternatives})
    shown = "".join(f"{c.upper()}{c}{_FOLDS.get(c, '')}" for c in letters)
    if len(alternatives) == 1:
        body = alternatives[0][1]
    else:
        body = "(?:" + "|".join(f"(?<={letter}){after}" for letter, after in alternatives) + ")"
    return f"(?-i:[{shown}]){''.join(tests)}{body}{rest}"


def _alternatives(text: str) -> list[tuple[str, str]]:
    """Return (letter, the rest made to follow it) of each alternative of TEXT, in order; an
    alternative that is one non-capturing group is read as the group's alternatives."""
    found = []
    for alternative in _split(text):
        if alternative.startswith("(?:") and _close(alternative, 0) == len(alternative) - 1:
            found += _alternatives(alternative[3:-1])
            continue
        tests, position = _zero_width(alternative)
        found.append(_letter_first(alternative[position:], tests))
    return found


def _letter_first(text: str, tests: list[str]) -> tuple[str, str]:
    """Return the ASCII letter TEXT opens with and what follows it, TESTS (zero-width tests
    before the letter, made one character later) first."""
    if not text or not ("a" <= text[0].lower() <= "z"):
        raise _Unsupported
    if len(text) > 1 and text[1] in _QUANTIFIERS:
        raise _Unsupported
    return text[0], "".join(tests) + text[1:]


class _Unsupported(Exception):
    pass


def _zero_width(pattern: str) -> tuple[list[str], int]:
    """Return the zero-width tests PATTERN opens with, each made one character later, and
    where they end."""
    tests: list[str] = []
    position = 0
    while True:
        if pattern.startswith("\\b", position):
            tests.append("(?<!\\w.)")  # (the letter taken is a word character)
            position += 2
        elif pattern.startswith("^", position):
            tests.append("(?<=^.)")
            position += 1
        elif pattern.startswith(("(?<=", "(?<!"), position):
            end = _close(pattern, position)
            tests.append(_later(pattern[position : end + 1]))
            position = end + 1
        elif pattern.startswith("(?:", position):
            end = _close(pattern, position)
            parts = _split(pattern[position + 3 : end])
            if not all(p == "^" or p.startswith(("(?<=", "(?<!")) and _close(p, 0) == len(p) - 1
                       for p in parts):  # fmt: skip
                break  # (the opening group itself)
            if end + 1 < len(pattern) and pattern[end + 1] in _QUANTIFIERS:
                raise _Unsupported
            tests.append(
                "(?:" + "|".join("(?<=^.)" if p == "^" else _later(p) for p in parts) + ")"
            )
            position = end + 1
        else:
            break
    return tests, position


def _later(lookbehind: str) -> str:
    """Return the look-behind LOOKBEHIND ("(?<=X)" or "(?<!X)") made one character later."""
    return f"{lookbehind[:4]}(?:{lookbehind[4:-1]}).)"


def _close(pattern: str, start: int) -> int:
    """Return the index of the parenthesis closing the group opened at START."""
    depth = 0
    index = start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(pattern, index)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise _Unsupported


def _class_end(pattern: str, start: int) -> int:
    """Return the index of the bracket closing the character class opened at START."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1  # (a "]" first is a member)
    while index < len(pattern):
        if pattern[index] == "\\":
            index += 2
            continue
        if pattern[index] == "[":
            raise _Unsupported  # (nested sets are another syntax's)
        if pattern[index] == "]":
            return index
        index += 1
    raise _Unsupported


def _split(text: str) -> list[str]:
    """Return TEXT's alternatives at its top level."""
    parts = []
    depth = 0
    last = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(text, index)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[last:index])
            last = index + 1
        index += 1
    parts.append(text[last:])
    return parts
