"""Untrusted document text made safe to show, and the short forms views print.

Everything a review says (names, quotes, titles) is untrusted. Escaping is the
job of the SVG builder (xml.etree) and of Jinja2's autoescape; this module
removes what escaping cannot: control characters that XML forbids and
bidirectional overrides that would reorder what a reader sees. It also holds the
partial-date arithmetic behind the ecomap's time control.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

#: C0/C1 control characters XML 1.0 forbids (tab and newline are handled apart).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: Bidirectional embedding, override and isolate controls.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def clean(text: object, *, keep_lines: bool = False) -> str:
    """Text with forbidden controls replaced and bidi overrides made visible.

    A bidi override is shown as `[U+202E]` rather than obeyed, so a name cannot
    make the words after it read backwards. Lines are joined unless asked.
    """
    if text is None:
        return ""
    value = str(text).encode("utf-8", "replace").decode("utf-8")
    value = _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("\ufffd", value)
    if keep_lines:
        return "\n".join(_SPACE.sub(" ", line).strip() for line in value.split("\n")).strip()
    return _SPACE.sub(" ", value).strip()


def humanise(value: str | None) -> str:
    """A vocabulary value as words: 'physical_abuse' -> 'physical abuse'."""
    return (value or "").replace("_", " ")


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Text broken into at most `lines` lines of about `width` characters."""
    words = clean(text).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:  # a very long word is cut, not allowed to overflow
            if current:
                out.append(current)
                current = ""
            out.append(word[:width - 1] + "-")
            word = word[width - 1:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = shorten(out[-1] + " …", width) if len(out[-1]) < width - 1 else \
            shorten(out[-1], width - 1).rstrip("…") + "…"
    return out or [""]


_AGE_UNITS = (("month", "m"), ("week", "w"), ("day", "d"), ("year", ""))


def short_age(age: object) -> str | None:
    """An age short enough to sit inside a symbol ('15', '12w', '15m'), else None."""
    if age is None:
        return None
    if isinstance(age, (int, float)) and not isinstance(age, bool):
        return str(int(age)) if float(age).is_integer() else f"{age:g}"
    text = clean(age).lower()
    match = re.fullmatch(r"(\d{1,3})\s*([a-z]+)?", text)
    if not match:
        return None
    number, unit = match.groups()
    if not unit:
        return number
    for word, letter in _AGE_UNITS:
        if word.startswith(unit) or unit.startswith(word):
            return number + letter
    return None


#: The "(group)" mark of the format (a label for several people drawn as one symbol).
_GROUP_MARK = re.compile(r"\(\s*group\s*\)|^\s*group\s*$", re.I)
#: Plural nouns that make a label's head name several people ("older sisters").
_PLURAL_PEOPLE = frozenset({
    "sisters", "brothers", "siblings", "parents", "children", "cousins", "aunts", "uncles",
    "grandparents", "men", "women", "males", "females", "adults", "boys", "girls", "family",
    "families", "carers", "friends", "peers", "relatives", "exploiters", "perpetrators",
    "associates", "members", "people", "gang", "group"})
_HEAD_END = re.compile(r"\s+(?:of|with|from|in|at|who|for|known)\s+|[(,;:–]")


def names_a_group(label: str | None) -> bool:
    """Whether a person's label stands for several people ("older sisters (group)").

    The format's mark is "(group)"; a label whose head noun is plural
    ("older sisters", "unknown adult males") is a group too, while "mother of
    the twins" is one person.
    """
    if not label:
        return False
    if _GROUP_MARK.search(label):
        return True
    head = _HEAD_END.split(label, maxsplit=1)[0].split(" and ")[0].strip().lower()
    words = re.findall(r"[a-z]+", head)
    return bool(words) and words[-1] in _PLURAL_PEOPLE


def year(value: str | None) -> str | None:
    """The year of an ISO partial date."""
    return value[:4] if value else None


def span(since: str | None, until: str | None) -> str:
    """'2019-11 – 2021-03', 'since 2015', 'until 2019', or ''."""
    if since and until:
        return f"{since} – {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return ""


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day an ISO partial date can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def active_at(since: str | None, until: str | None, at: str | None) -> bool:
    """Whether something dated since..until may hold at the partial date `at`."""
    if not at:
        return True
    first, last = date_bounds(at)
    if since and date_bounds(since)[0] > last:
        return False
    if until and date_bounds(until)[1] < first:
        return False
    return True
