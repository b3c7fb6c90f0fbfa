"""How each named query's rows become the answer an analyst reads.

The rows (`rows.py`) are the same for every option; here the options are
applied (`--kind`, `--min`, `--detail`) and, over the whole store, the rows of
every review are folded into rankings and counts. Nothing here touches the
store, so an answer costs the same whether its rows were read live or kept
from when each review was loaded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .rows import Rows

if TYPE_CHECKING:
    from . import Options, Table


def table(columns: list[str], rows: Rows) -> "Table":
    from . import Table
    return Table(columns, [tuple(r.get(c) for c in columns) for r in rows])


def itemised(options: "Options") -> bool:
    """One row per item (a review asked for, or --detail), not a store-wide summary."""
    return bool(options.review or options.detail)


def absent_agencies(rows: Rows, options: "Options") -> "Table":
    """Per meeting, or agencies ranked by how often they were absent or missing."""
    if options.kind != "any":
        kind = options.kind or "strategy_meeting"
        rows = [r for r in rows if r["kind"] == kind]
    if itemised(options):
        return table(["review", "meeting", "kind", "date", "agency", "agencyKind", "status",
                      "quote"], rows)
    ranking: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["agency"].strip().lower(), r["agencyKind"])
        entry = ranking.setdefault(key, {"agency": r["agency"], "agencyKind": r["agencyKind"],
                                         "absent": 0, "notAttending": 0, "reviews": set()})
        entry["absent" if r["status"] == "absent" else "notAttending"] += 1
        entry["reviews"].add(r["review"])
    ranked = sorted(ranking.values(), key=lambda e: (-(e["absent"] + e["notAttending"]),
                                                     -e["absent"], e["agency"].lower()))
    for e in ranked:
        e["missing"] = e["absent"] + e["notAttending"]
        e["reviews"] = " ".join(sorted(e["reviews"]))
    return table(["agency", "agencyKind", "missing", "absent", "notAttending", "reviews"],
                 ranked)


def missed_sharing(rows: Rows, options: "Options") -> "Table":
    """Every missed or partial link, or store-wide counts by pair of agency kinds."""
    if itemised(options):
        return table(["review", "status", "from", "to", "about", "what", "date", "quote"],
                     rows)
    pairs: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["fromKind"] or "not named", r["toKind"] or "not named")
        entry = pairs.setdefault(key, {"fromKind": key[0], "toKind": key[1], "missed": 0,
                                       "partial": 0, "reviews": set()})
        entry[r["status"]] += 1
        entry["reviews"].add(r["review"])
    counted = sorted(pairs.values(), key=lambda e: (-(e["missed"] + e["partial"]),
                                                    e["fromKind"], e["toKind"]))
    for e in counted:
        e["links"] = e["missed"] + e["partial"]
        e["reviews"] = " ".join(sorted(e["reviews"]))
    return table(["fromKind", "toKind", "links", "missed", "partial", "reviews"], counted)


def interconnected_families(rows: Rows, options: "Options") -> "Table":
    """The groups of linked households, numbered across the store."""
    numbered = [dict(r, group=n) for n, r in enumerate(rows, 1)]
    return table(["group", "review", "households", "linkedBy"], numbered)


def known_to(rows: Rows, options: "Options") -> "Table":
    """People known to at least --min agencies, most widely known first."""
    rows = [r for r in rows if r["agencies"] >= options.min_agencies]
    rows.sort(key=lambda r: (-r["agencies"], r["review"]))  # stable: keeps each review's order
    return table(["review", "person", "role", "subject", "agencies", "agencyNames",
                  "leadAgencies", "severalLeads", "voiceFinding"], rows)


def chronology(rows: Rows, options: "Options") -> "Table":
    return table(["review", "date", "when", "element", "id", "kind", "outcome", "about",
                  "quote"], rows)


def decisions(rows: Rows, options: "Options") -> "Table":
    return table(["review", "decision", "kind", "outcome", "date", "when", "meeting", "by",
                  "about", "next", "quote"], rows)


def themes(rows: Rows, options: "Options") -> "Table":
    """Learning themes with how many findings and reviews raise them, most common first."""
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = found.setdefault(r["theme"], {"theme": r["theme"], "findings": 0,
                                              "reviews": set()})
        entry["findings"] += r["findings"]
        entry["reviews"].add(r["review"])
    ranked = sorted(found.values(), key=lambda e: (-len(e["reviews"]), -e["findings"],
                                                   e["theme"]))
    for e in ranked:
        e["reviewIds"] = " ".join(sorted(e["reviews"]))
        e["reviews"] = len(e["reviews"])
    return table(["theme", "reviews", "findings", "reviewIds"], ranked)
