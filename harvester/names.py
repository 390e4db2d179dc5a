"""Personal names: the generational suffix ("Jr", "3rd") written after a name.

PubMed XML gives it an element of its own (Author/Suffix); MEDLINE text writes it after
the initials ("AU  - Carson WE 3rd") and the given names ("FAU - Carson, William E 3rd");
RIS after a second comma ("Carson, William E, 3rd"), BibTeX between family and given names
("Carson, 3rd, William E"). Read as part of the initials or the given names, it turns
"Benson DM Jr" into an author with the initials "Jr".
"""

from __future__ import annotations

import re

# "V" and "I" are left out: alone they are far more often an initial than a suffix.
SUFFIX = re.compile(r"(?:Jr|JR|Sr|SR|Jnr|Snr)\.?|II|III|IV|[2-9](?:nd|rd|th)")
_INITIALS = re.compile(r"[A-Z]{1,4}")


def is_suffix(word: str) -> bool:
    """Whether WORD is a generational suffix ("Jr", "Jr.", "III", "3rd")."""
    return SUFFIX.fullmatch(word.strip().rstrip(",")) is not None


def split_suffix(words: str) -> tuple[str, str | None]:
    """Return ("William E", "3rd") for "William E 3rd" or "William E, 3rd".

    A suffix is only read after at least one other word: "II" alone is two initials.
    """
    parts = words.split()
    if len(parts) >= 2 and is_suffix(parts[-1]):
        return " ".join(parts[:-1]).rstrip(" ,"), parts[-1].rstrip(",")
    return words, None


def split_short_name(name: str) -> tuple[str, str | None, str | None]:
    """Return (family, initials, suffix) of MEDLINE's short form "Carson WE 3rd".

    The suffix is read only after a family name and its initials ("Henry II" is a family
    name and two initials).
    """
    parts = name.split()
    suffix = None
    if len(parts) >= 3 and is_suffix(parts[-1]) and _INITIALS.fullmatch(parts[-2]):
        suffix = parts.pop()
    if len(parts) >= 2:
        return " ".join(parts[:-1]), parts[-1], suffix
    return name.strip(), None, suffix
