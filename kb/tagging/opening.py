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
    PATTERN itself where its shape is not one rewritten. Rewritten: alternatives that each
    open on zero-width tests (`\\b`, `^`, look-behinds, a group of `^` and look-behinds), then
    either an ASCII letter or a non-capturing group of alternatives of that shape, neither
    followed by a quantifier; IGNORECASE without VERBOSE or LOCALE."""
    if not flags & re.IGNORECASE or flags & (re.VERBOSE | re.LOCALE):
        return pattern
    try:
        skipped = _skipped(pattern)
        if skipped:
            # what a pattern opens on is tried at each position its opening repeat reaches
            # ("[^.;]{0,80}?\\b(?:due|owing) to" from a harm's end on): that, rewritten, is as
            # good as the written one wherever it stands
            rest = fast_opening(pattern[skipped:], flags)
            return pattern if rest == pattern[skipped:] else pattern[:skipped] + rest
        alternatives = _alternatives(pattern)
    except _Unsupported:
        return pattern
    letters = sorted({letter for found, _ in alternatives for letter in found})
    shown = "".join(f"{c.upper()}{c}{_FOLDS.get(c, '')}" for c in letters)
    return f"(?-i:[{shown}]){_either(alternatives)}"


# An alternative rewritten: the letters it may open with (lower case), and what must follow
# the letter taken, a test that it was one of them first where it was not the only one
_Opening = tuple[frozenset[str], str]


def _skipped(pattern: str) -> int:
    """Return where PATTERN's opening repeat ends: a character class or a non-capturing group
    repeated (`[^.;]{0,80}?`, `(?:\\s+\\w+){0,3}?`), the pattern holding no alternative at its
    top level; 0 for a pattern opening otherwise."""
    if pattern.startswith("["):
        end = _class_end(pattern, 0)
    elif pattern.startswith("(?:"):
        end = _close(pattern, 0)
    else:
        return 0
    repeat = _REPEAT.match(pattern, end + 1)
    if repeat is None or len(_split(pattern)) > 1:
        return 0
    return repeat.end()


_REPEAT = re.compile(r"(?:[*+?]|\{\d*,?\d*\})\??(?![+?*{])")


def _alternatives(text: str) -> list[_Opening]:
    """Return each alternative of TEXT rewritten, in order."""
    found = []
    for alternative in _split(text):
        tests, position = _zero_width(alternative)
        if alternative.startswith("(?:", position):
            end = _close(alternative, position)
            if end + 1 < len(alternative) and alternative[end + 1] in _QUANTIFIERS:
                raise _Unsupported
            inner = _alternatives(alternative[position + 3 : end])
            letters = frozenset().union(*(opening for opening, _ in inner))
            after = "".join(tests) + _either(inner) + alternative[end + 1 :]
            found.append((letters, after))
            continue
        text_after = alternative[position:]
        if not text_after or not ("a" <= text_after[0].lower() <= "z"):
            raise _Unsupported
        if len(text_after) > 1 and text_after[1] in _QUANTIFIERS:
            raise _Unsupported
        found.append((frozenset(text_after[0].lower()), "".join(tests) + text_after[1:]))
    return found


def _either(alternatives: list[_Opening]) -> str:
    """Return ALTERNATIVES as one pattern to follow the letter taken: each tests that the
    letter was one it opens with, unless all open with the same letters."""
    if len(alternatives) == 1:
        return alternatives[0][1]
    every = frozenset().union(*(letters for letters, _ in alternatives))
    return (
        "(?:"
        + "|".join(
            after if letters == every else f"(?<=[{''.join(sorted(letters))}]){after}"
            for letters, after in alternatives
        )
        + ")"
    )


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
