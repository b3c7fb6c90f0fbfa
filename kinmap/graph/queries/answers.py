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


#: What a store-wide ranking can count by (`--by`).
BY = ("label", "kind", "service", "partnership")
NO_SERVICE = "no service"
NOT_NAMED = "not named"


def _partnership(row: dict) -> str:
    return (row.get("partnership") or "").strip() or NOT_NAMED


def absent_agencies(rows: Rows, options: "Options") -> "Table":
    """Per meeting, or agencies ranked by how often they were absent or missing.

    `--by label` (the default) ranks agencies as the reviews name them; `kind`,
    `service` and `partnership` count the same absences by agency kind, by
    service (given or inferred; `inferred` says how many of the counted rest on
    kinmap's inference) and by the partnership that published the review. An
    absence is counted once per meeting and group: two agencies of one review
    with the same service missing from one meeting are one absence of that
    service.
    """
    if options.kind != "any":
        kind = options.kind or "strategy_meeting"
        rows = [r for r in rows if r["kind"] == kind]
    if options.service:
        rows = [r for r in rows if (r["service"] or NO_SERVICE) == options.service]
    if itemised(options):
        return table(["review", "meeting", "kind", "date", "agency", "agencyKind", "service",
                      "status", "quote"], rows)
    by = options.by or "label"
    group = {"label": lambda r: (r["agency"].strip().lower(), r["agencyKind"]),
             "kind": lambda r: r["agencyKind"],
             "service": lambda r: r["service"] or NO_SERVICE,
             "partnership": lambda r: _partnership(r).lower()}[by]
    # what makes two rows one absence: the same agency, or for a service the same service
    one = {"label": lambda r: r["agencyId"], "kind": lambda r: r["agencyId"],
           "service": lambda r: r["service"] or r["agencyId"],
           "partnership": lambda r: r["agencyId"]}[by]
    ranking: dict[Any, dict[str, Any]] = {}
    counted: set[tuple] = set()
    for r in rows:
        key = group(r)
        status = "absent" if r["status"] == "absent" else "notAttending"
        if (key, r["review"], r["meeting"], one(r), status) in counted:
            continue
        counted.add((key, r["review"], r["meeting"], one(r), status))
        entry = ranking.setdefault(key, {
            "agency": r["agency"], "agencyKind": r["agencyKind"],
            "service": r["service"] or NO_SERVICE, "partnership": _partnership(r),
            "absent": 0, "notAttending": 0, "inferred": 0, "reviews": set()})
        entry[status] += 1
        entry["inferred"] += bool(r["serviceInferred"])
        entry["reviews"].add(r["review"])
    name = {"label": "agency", "kind": "agencyKind", "service": "service",
            "partnership": "partnership"}[by]
    ranked = sorted(ranking.values(), key=lambda e: (-(e["absent"] + e["notAttending"]),
                                                     -e["absent"], e[name].lower()))
    for e in ranked:
        e["missing"] = e["absent"] + e["notAttending"]
        e["reviews"] = " ".join(sorted(e["reviews"]))
    columns = {"label": ["agency", "agencyKind"], "kind": ["agencyKind"],
               "service": ["service"], "partnership": ["partnership"]}[by]
    columns += ["missing", "absent", "notAttending"]
    columns += ["inferred"] if by == "service" else []
    return table(columns + ["reviews"], ranked)


def missed_sharing(rows: Rows, options: "Options") -> "Table":
    """Every missed or partial link, or store-wide counts by pair of agency kinds.

    `--by service` or `--by label` counts pairs of services or of agencies as
    named instead; `--by partnership` counts links by the review's partnership.
    An end the review does not name is 'not named'; an agency without a service
    is 'no service'.
    """
    if options.service:
        rows = [r for r in rows if options.service in (
            r["fromService"] or NO_SERVICE, r["toService"] or NO_SERVICE)]
    if itemised(options):
        return table(["review", "status", "from", "to", "about", "what", "date", "quote"],
                     rows)
    by = options.by or "kind"

    def end(r: dict, side: str) -> str:
        if by == "kind":
            return r[f"{side}Kind"] or NOT_NAMED
        if by == "label":
            return (r[side] or NOT_NAMED).strip()
        if r[side] is None:
            return NOT_NAMED
        return r[f"{side}Service"] or NO_SERVICE

    pairs: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (_partnership(r),) if by == "partnership" else (end(r, "from"), end(r, "to"))
        folded = tuple(k.lower() for k in key)
        entry = pairs.setdefault(folded, {"partnership": key[0], "from": key[0],
                                          "to": key[-1], "missed": 0, "partial": 0,
                                          "inferred": 0, "reviews": set()})
        entry[r["status"]] += 1
        entry["inferred"] += bool(r["fromInferred"] or r["toInferred"])
        entry["reviews"].add(r["review"])
    first = "partnership" if by == "partnership" else "from"
    counted = sorted(pairs.values(), key=lambda e: (-(e["missed"] + e["partial"]),
                                                    e[first].lower(), e["to"].lower()))
    for e in counted:
        e["links"] = e["missed"] + e["partial"]
        e["reviews"] = " ".join(sorted(e["reviews"]))
        names = {"kind": ("fromKind", "toKind"), "service": ("fromService", "toService"),
                 "label": ("fromAgency", "toAgency")}.get(by)
        if names:
            e[names[0]], e[names[1]] = e["from"], e["to"]
    columns = {"kind": ["fromKind", "toKind"], "service": ["fromService", "toService"],
               "label": ["fromAgency", "toAgency"], "partnership": ["partnership"]}[by]
    columns += ["links", "missed", "partial"] + (["inferred"] if by == "service" else [])
    return table(columns + ["reviews"], counted)


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
    """People known to at least --min agencies, most widely known first.

    With `--by label|kind|service|partnership`, over those people: for each
    agency (or kind, or service) how many of them it knew, how many were subject
    children and in how many reviews; or for each partnership how many such
    people and children its reviews hold.
    """
    rows = [r for r in rows if r["agencies"] >= options.min_agencies]
    if options.service:
        rows = [r for r in rows if any((d[2] or NO_SERVICE) == options.service
                                       for d in r["agencyDetails"])]
    if not options.by or itemised(options):
        rows.sort(key=lambda r: (-r["agencies"], r["review"]))  # stable: each review's order
        return table(["review", "person", "role", "subject", "agencies", "agencyNames",
                      "leadAgencies", "severalLeads", "ownVoice", "voiceFinding"], rows)
    by = options.by
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        if by == "partnership":
            keys = {_partnership(r)}
        else:
            at = {"label": 0, "kind": 1, "service": 2}[by]
            keys = {(d[at] or NO_SERVICE).strip() for d in r["agencyDetails"]}
        for key in keys:
            entry = found.setdefault(key.lower(), {by: key, "people": 0, "children": 0,
                                                   "inferred": 0, "reviews": set()})
            entry["people"] += 1
            entry["children"] += bool(r["subject"])
            entry["inferred"] += by == "service" and any(
                d[2] == key and d[3] for d in r["agencyDetails"])
            entry["reviews"].add(r["review"])
    ranked = sorted(found.values(), key=lambda e: (-e["people"], -e["children"],
                                                   e[by].lower()))
    for e in ranked:
        e["reviewCount"] = len(e["reviews"])
        e["reviews"] = " ".join(sorted(e["reviews"]))
    columns = [by, "people", "children"] + (["inferred"] if by == "service" else [])
    return table(columns + ["reviewCount", "reviews"], ranked)


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


def overview(rows: Rows, options: "Options") -> "Table":
    """Kinds of family, agency kinds, absences from strategy meetings and missed sharing:
    over the store, how many reviews show each (and how many agencies, absences or links);
    for one review (or --detail), what it shows, with the facts behind each kind of family.
    """
    from ..overview import NOT_NAMED, STRUCTURE_WORDS, tally, words

    if itemised(options):
        out = []
        for r in rows:
            def line(group: str, kind: str, count: int, evidence: str | None = None) -> None:
                out.append({"review": r["review"], "group": group, "kind": kind,
                            "count": count, "evidence": evidence})
            for kind, evidence in r["structures"]:
                line("family", words(kind), 1, evidence)
            for kind, count, services in r["agencies"]:
                line("agency", words(kind), count,
                     ", ".join(words(s) for s in services) or None)
            if r["strategyMeetings"]:
                line("strategy meetings", "held", r["strategyMeetings"])
            for kind, count in r["absences"]:
                line("absent from strategy meetings", words(kind), count)
            for source, target, status, count in r["sharing"]:
                line(f"sharing {status}", f"{words(source)} -> {words(target)}", count)
        return table(["review", "group", "kind", "count", "evidence"], out)
    found = tally(rows)
    total = len(found.reviews)

    def share(reviews: set) -> str:
        return f"{100 * len(reviews) / total:.0f}%" if total else "0%"

    out = [{"group": "reviews", "kind": "in the store", "reviews": total, "share": "100%",
            "count": total}]
    for kind in STRUCTURE_WORDS:
        reviews = found.structures.get(kind, set())
        out.append({"group": "family", "kind": words(kind), "reviews": len(reviews),
                    "share": share(reviews), "count": len(reviews)})
    out.append({"group": "family", "kind": "none of these recorded",
                "reviews": len(found.unstructured), "share": share(found.unstructured),
                "count": len(found.unstructured)})
    for kind in sorted(found.agencies, key=lambda k: (-len(found.agencies[k]), k)):
        out.append({"group": "agency", "kind": words(kind), "reviews": len(found.agencies[kind]),
                    "share": share(found.agencies[kind]), "count": found.agency_count[kind]})
    held = set(found.strategy_meetings)
    out.append({"group": "strategy meetings", "kind": "held", "reviews": len(held),
                "share": share(held), "count": sum(found.strategy_meetings.values())})
    for kind in sorted(found.absent, key=lambda k: (-found.absences[k], k)):
        out.append({"group": "absent from strategy meetings", "kind": words(kind),
                    "reviews": len(found.absent[kind]), "share": share(found.absent[kind]),
                    "count": found.absences[kind]})
    for pair in sorted(found.sharing, key=lambda p: (-sum(found.links[p].values()),
                                                      tuple(map(str, p)))):
        source, target = (words(k) if k else NOT_NAMED for k in pair)
        for status in ("missed", "partial"):
            if found.links[pair][status]:
                out.append({"group": f"sharing {status}", "kind": f"{source} -> {target}",
                            "reviews": len(found.sharing[pair]),
                            "share": share(found.sharing[pair]),
                            "count": found.links[pair][status]})
    return table(["group", "kind", "reviews", "share", "count"], out)
