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


def interconnected_families(rows: Rows, options: "Options",
                            same: list[tuple[str, str]] = ()) -> "Table":
    """Groups of two or more linked households, numbered; `same` joins groups.

    `same` holds pairs of person IRIs an analyst identified as one person
    (`kinmap same-person`), which may join the groups of different reviews.
    """
    import networkx as nx

    holders: dict[str, list[int]] = {}
    label: dict[str, str] = {}
    for n, r in enumerate(rows):
        for iri, name in r["people"]:
            holders.setdefault(iri, []).append(n)
            label[iri] = name
    joined = nx.Graph()
    joined.add_nodes_from(range(len(rows)))
    why: dict[frozenset, set[str]] = {}
    for a, b in same:
        for x in holders.get(a, ()):
            for y in holders.get(b, ()):
                if x != y:
                    pair = frozenset((x, y))
                    joined.add_edge(x, y)
                    why.setdefault(pair, set()).add(
                        f"{label[a]} = {label[b]} (the same person)")
    groups = []
    for component in nx.connected_components(joined):
        members = sorted(component)
        if sum(rows[n]["size"] for n in members) < 2:
            continue
        reasons = [rows[n]["linkedBy"] for n in members if rows[n]["linkedBy"]]
        reasons += sorted(w for pair, whys in why.items() if pair <= component for w in whys)
        groups.append({"review": " ".join(dict.fromkeys(rows[n]["review"] for n in members)),
                       "households": "; ".join(rows[n]["households"] for n in members),
                       "linkedBy": "; ".join(reasons), "first": members[0]})
    groups.sort(key=lambda g: g["first"])
    for number, group in enumerate(groups, 1):
        group["group"] = number
    return table(["group", "review", "households", "linkedBy"], groups)


def known_to(rows: Rows, options: "Options") -> "Table":
    """People known to at least --min agencies, most widely known first."""
    rows = [r for r in rows if r["agencies"] >= options.min_agencies]
    rows.sort(key=lambda r: (-r["agencies"], r["review"]))  # stable: keeps each review's order
    return table(["review", "person", "role", "subject", "agencies", "agencyNames",
                  "leadAgencies", "severalLeads", "ownVoice", "voiceFinding"], rows)


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
