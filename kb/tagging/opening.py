"""Case-insensitive patterns rewritten to open on a character class the regex engine can skip
to. Pure.

A pattern compiled with IGNORECASE gets no literal-prefix or character-set search from the
standard library's engine: it is tried at every position of a text. One opening on a set of
letters given in both cases, in a group where IGNORECASE is off (`(?-i:[Ww])`), gets the
engine's character-set search, which passes over every other character in C. So a pattern
such as `\\b(?:we|our)\\s` is compiled as `(?-i:[OoWw])(?<!\\w.)(?:(?<=[w])e|(?<=[o])ur)\\s`: the
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
_QUANTIFIERS = frozenset("?*+{")  # (a set: the empty string at a text's end is none)


@cache
def compile_i(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return PATTERN compiled case-insensitively (with FLAGS), rewritten by
    fast_opening() where it can be. (Kept here: the taxonomy's check compiles the patterns
    the tagger compiles again, hundreds of others between, more than the re module keeps.)"""
    flags |= re.IGNORECASE
    try:
        return re.compile(fast_opening(pattern, flags), flags)
    except re.error:  # (a rewriting not foreseen that fails: the pattern as written, or its error)
        return re.compile(pattern, flags)


@cache
def fast_opening(pattern: str, flags: int = re.IGNORECASE) -> str:
    """Return PATTERN rewritten to open on a class of letters (see the module's doc), the parts
    that open on letters after a repeat ("[^.;]{0,80}?\\b(?:due|owing) to": tried at each
    position the repeat reaches) rewritten alike, or PATTERN itself. Read as opening on
    letters: alternatives that each open on zero-width tests (`\\b`, `^`, look-behinds, a group
    of `^` and look-behinds), then an ASCII letter, or a non-capturing group of such
    alternatives, or such a group made optional by a greedy `?` (read as the alternatives with
    it and without it, where what follows holds no capturing group). Only with IGNORECASE,
    without VERBOSE, LOCALE or ASCII."""
    if not flags & re.IGNORECASE or flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return pattern  # (with ASCII, IGNORECASE folds no other character to a letter)
    try:
        rewritten = _standalone(_rewrite(pattern))
    except _Unsupported:
        return pattern
    return pattern if len(rewritten) > _GROWTH * len(pattern) + 200 else rewritten


_GROWTH = 4  # (a pattern whose optional groups multiply it this much is kept as written)

# A part rewritten: the letters (lower case) every match of it opens with, and what must
# follow the letter taken (a test that it was one of them first, where it was not the only
# one); or None and the part as it stands alone, rewritten inside where it could be.
_Rewritten = tuple[frozenset[str] | None, str]


def _standalone(part: _Rewritten) -> str:
    """Return PART as a pattern of its own: opening on its class of letters, if it has one."""
    letters, text = part
    if letters is None:
        return text
    shown = "".join(f"{c.upper()}{c}{_FOLDS.get(c, '')}" for c in sorted(letters))
    return f"(?-i:[{shown}]){text}"


def _rewrite(text: str) -> _Rewritten:
    """Return TEXT, alternatives that hold no alternative at a higher level, rewritten."""
    parts = [_rewrite_alternative(alternative) for alternative in _split(text)]
    if all(letters is not None for letters, _ in parts):
        every = frozenset().union(*(letters or () for letters, _ in parts))
        if len(parts) == 1:
            return parts[0]
        return every, "(?:" + "|".join(
            after if letters == every else f"(?<=[{''.join(sorted(letters or ()))}]){after}"
            for letters, after in parts
        ) + ")"  # fmt: skip
    return None, "|".join(_standalone(part) for part in parts)


def _rewrite_alternative(alternative: str) -> _Rewritten:
    tests, position = _zero_width(alternative)
    written_tests, shifted = alternative[:position], "".join(tests)
    rest = alternative[position:]
    if rest.startswith("(?:"):
        end = _close(rest, 0)
        after = rest[end + 1 :]
        optional = after.startswith("?") and not after.startswith(("??", "?+"))
        if optional and not _CAPTURING.search(written_tests + after[1:]):
            # "(?:we )?report": "we report", then "report", as the engine tries them
            group = rest[: end + 1]
            return _rewrite(f"{written_tests}{group}{after[1:]}|{written_tests}{after[1:]}")
        repeat = _REPEAT.match(after)
        if repeat:
            return None, written_tests + rest[: end + 1] + _repeat_and_after(after, repeat)
        letters, inner = _rewrite(rest[3:end])
        if after[:1] in _QUANTIFIERS:  # (a quantifier not read above: "?+")
            return None, f"{written_tests}(?:{_standalone((letters, inner))}){after}"
        if letters is None:
            return None, f"{written_tests}(?:{inner}){after}"
        return letters, shifted + inner + after
    if rest.startswith("["):
        end = _class_end(rest, 0)
        repeat = _REPEAT.match(rest[end + 1 :])
        if repeat:
            tail = _repeat_and_after(rest[end + 1 :], repeat)
            return None, written_tests + rest[: end + 1] + tail
        return None, alternative
    if rest and "a" <= rest[0].lower() <= "z" and rest[1:2] not in _QUANTIFIERS:
        return frozenset(rest[0].lower()), shifted + rest[1:]
    return None, alternative


def _repeat_and_after(after: str, repeat: re.Match[str]) -> str:
    """Return a repeat's quantifier and what follows it, that rewritten where it can be."""
    tail = _standalone(_rewrite_tail(after[repeat.end() :]))
    if len(_split(tail)) > 1:
        # an optional group read as two alternatives ("[a-z]+(?:-[a-z]+)?" as "[a-z]+" then
        # "(?:-[a-z]+)|"): kept in a group of their own, or the repeat's pattern would end there
        tail = f"(?:{tail})"
    return repeat.group() + tail


def _rewrite_tail(text: str) -> _Rewritten:
    """Return TEXT, the rest of one alternative, rewritten where it can be (as it stands where
    it cannot)."""
    try:
        return _rewrite_alternative(text)
    except _Unsupported:
        return None, text


_REPEAT = re.compile(r"(?:[*+?]|\{\d*,?\d*\})\??(?![+?*{])")
_CAPTURING = re.compile(r"\((?!\?)|\(\?P<")


class _Unsupported(Exception):
    """A pattern of a shape not rewritten."""


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


# What a pattern's structure is read from: an escape, a character class (a "]" first is a
# member; a "[" inside is another syntax's nested set, not read), a parenthesis, a bar.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\\[])*(?P<closed>\])?|[()|]")


def _close(pattern: str, start: int) -> int:
    """Return the index of the parenthesis closing the group opened at START."""
    depth = 0
    for found in _STRUCTURE.finditer(pattern, start):
        char = found.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return found.start()
        elif char[0] == "[" and found.group("closed") is None:
            raise _Unsupported
    raise _Unsupported


def _class_end(pattern: str, start: int) -> int:
    """Return the index of the bracket closing the character class opened at START."""
    found = _STRUCTURE.match(pattern, start)
    if found is None or found.group("closed") is None:
        raise _Unsupported
    return found.end() - 1


def _split(text: str) -> list[str]:
    """Return TEXT's alternatives at its top level."""
    parts = []
    depth = 0
    last = 0
    for found in _STRUCTURE.finditer(text):
        char = found.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[last : found.start()])
            last = found.end()
        elif char[0] == "[" and found.group("closed") is None:
            raise _Unsupported
    parts.append(text[last:])
    return parts
