"""How each named query's rows become the answer an analyst reads.

SPARQL finds the facts; this module does what SPARQL does badly or slowly:
comparing ISO partial dates, grouping households with networkx, and folding
per-review rows into store-wide rankings.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ...ontology import concept_value, review_id_of_graph
from ..store import Store, term_value

if TYPE_CHECKING:
    from . import NamedQuery, Options, Table


def _rows(store: Store, query: "NamedQuery | str", options: "Options", *,
          kind: bool = False) -> list[dict[str, Any]]:
    """Run a query file and give its rows as dicts of plain values."""
    from . import PREFIXES, bindings, sparql
    text = PREFIXES + query.text if not isinstance(query, str) else sparql(query)
    result = store.select(text, bindings(store, options, kind=kind))
    out = []
    for row in result.rows:
        record = {}
        for column, term in zip(result.columns, row):
            value = term_value(term)
            if isinstance(value, str) and "/vocab/" in value:
                try:
                    value = concept_value(value)[1]
                except KeyError:
                    pass
            if column == "g" and value is not None:
                value = review_id_of_graph(value)
            record[column] = value
        out.append(record)
    return out


def _with_quotes(store: Store, rows: list[dict[str, Any]], column: str) -> None:
    """Fill each row's `quote` with the quote of the element in `column`."""
    found = store.quotes(r[column] for r in rows)
    for r in rows:
        r["quote"] = found.get(r[column])


def _table(columns: list[str], rows: list[dict[str, Any]]) -> "Table":
    from . import Table
    return Table(columns, [tuple(r.get(c) for c in columns) for r in rows])


def date_key(value: str | None) -> tuple[int, int, int]:
    """Sort key of an ISO partial date; a vaguer date sorts after the precise ones it covers.

    '2021-06-14' < '2021-06' < '2021-07' < '2021': "sometime in 2021" is not
    known to come before anything dated within 2021, so it is shown after it.
    """
    if not value:
        return (9999, 99, 99)
    parts = [int(p) for p in value.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32)


def may_overlap(date: str | None, since: str | None, until: str | None) -> bool:
    """Could an involvement from `since` to `until` have been open on `date`?

    Partial dates are compared at the precision both have, so '2021' overlaps
    '2021-06'; anything unknown is taken as open.
    """
    if not date:
        return True

    def cut(a: str, b: str) -> tuple[str, str]:
        n = min(len(a), len(b))
        return a[:n], b[:n]

    if since:
        d, s = cut(date, since)
        if d < s:
            return False
    if until:
        d, u = cut(date, until)
        if d > u:
            return False
    return True


# ---------------------------------------------------------------- the queries

def absent_agencies(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """Per meeting: agencies absent, and involved ones not recorded as attending."""
    found: dict[tuple, dict] = {}
    for r in _rows(store, query, options, kind=True):
        if r["status"] != "absent" and not may_overlap(r["date"], r["since"], r["until"]):
            continue
        key = (r["g"], r["meetingId"], r["agencyId"])
        if key not in found or r["status"] == "absent":
            found[key] = r
    rows = sorted(found.values(), key=lambda r: (r["g"], date_key(r["date"]), r["meetingId"],
                                                  r["status"] != "absent", r["agencyId"]))
    if options.review or options.detail:
        _with_quotes(store, rows, "quoted")
    for r in rows:
        r["review"], r["meeting"], r["agency"] = r["g"], r["meetingId"], \
            r["agencyLabel"] or r["agencyId"]
    if options.review or options.detail:
        return _table(["review", "meeting", "kind", "date", "agency", "agencyKind", "status",
                       "quote"], rows)
    ranking: dict[tuple, dict] = {}
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
    return _table(["agency", "agencyKind", "missing", "absent", "notAttending", "reviews"],
                  ranked)


def missed_sharing(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """Every missed or partial information-sharing link; store-wide, counts by agency kinds."""
    rows = sorted(_rows(store, query, options), key=lambda r: (r["g"], r["order"]))
    if options.review or options.detail:
        _with_quotes(store, rows, "link")
    for r in rows:
        r["review"] = r["g"]
        r["from"] = r["fromLabel"] or _tail(r["from"])
        r["to"] = r["toLabel"] or _tail(r["to"])
        r["about"] = "; ".join(sorted((r["about"] or "").split("; "))) or None
    if options.review or options.detail:
        return _table(["review", "status", "from", "to", "about", "what", "date", "quote"],
                      rows)
    pairs: dict[tuple, dict] = {}
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
    return _table(["fromKind", "toKind", "links", "missed", "partial", "reviews"], counted)


def interconnected_families(store: Store, query: "NamedQuery",
                            options: "Options") -> "Table":
    """Groups of households linked by a shared member or by a parent of children in both."""
    import networkx as nx

    graph = nx.Graph()
    labels: dict[tuple, str] = {}
    members: dict[tuple, set] = defaultdict(set)
    children: dict[tuple, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    for r in _rows(store, query, options):
        household, person = (r["g"], r["household"]), (r["g"], r["person"])
        graph.add_node(household)
        labels[household] = r["householdLabel"] or _tail(r["household"])
        labels[person] = r["personLabel"] or _tail(r["person"])
        members[person].add(household)
        if r["parent"]:
            parent = (r["g"], r["parent"])
            labels[parent] = r["parentLabel"] or _tail(r["parent"])
            children[parent][household].add(person)
    links: dict[frozenset, set[str]] = defaultdict(set)
    for person, households in members.items():
        _link(graph, links, households, f"{labels[person]} (lives in both)")
    for parent, by_household in children.items():
        # Linked through a parent only when different children live apart;
        # one child in two homes is already linked as living in both.
        homes = sorted(by_household)
        for i, a in enumerate(homes):
            for b in homes[i + 1:]:
                if len(by_household[a] | by_household[b]) > 1:
                    _link(graph, links, {a, b},
                          f"{labels[parent]} (parent of children in both)")
    rows = []
    groups = [sorted(c) for c in nx.connected_components(graph) if len(c) > 1]
    for number, group in enumerate(sorted(groups), 1):
        linked_by = sorted({why for pair, whys in links.items() if pair <= set(group)
                            for why in whys})
        rows.append({"group": number, "review": " ".join(sorted({h[0] for h in group})),
                     "households": "; ".join(labels[h] for h in group),
                     "linkedBy": "; ".join(linked_by)})
    return _table(["group", "review", "households", "linkedBy"], rows)


def _link(graph, links: dict, households: set, why: str) -> None:
    ordered = sorted(households)
    for a, b in zip(ordered, ordered[1:]):
        graph.add_edge(a, b)
        links[frozenset((a, b))].add(why)


def known_to(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """People known to at least --min agencies, flagged for lead agencies and voice."""
    voice = {r["g"]: r["findings"] for r in _rows(store, "_voice.rq", options)}
    rows = [r for r in _rows(store, query, options) if r["agencies"] >= options.min_agencies]
    for r in rows:
        r["review"], r["person"] = r["g"], r["personLabel"] or r["personId"]
        r["subject"] = bool(r["subject"])
        r["agencyNames"] = "; ".join(sorted(r["agencyNames"].split("; ")))
        r["severalLeads"] = r["leadAgencies"] >= 2
        r["voiceFinding"] = bool(voice.get(r["g"])) if r["subject"] else None
    rows.sort(key=lambda r: (-r["agencies"], r["review"], r["person"]))
    return _table(["review", "person", "role", "subject", "agencies", "agencyNames",
                   "leadAgencies", "severalLeads", "voiceFinding"], rows)


def chronology_rows(store: Store, options: "Options") -> list[dict[str, Any]]:
    """The chronology of one review or every review, sorted."""
    from . import QUERIES
    rows = _rows(store, QUERIES["chronology"], options)
    for r in rows:
        r["about"] = " ".join(sorted((r["about"] or "").split())) or None
    section = {"event": 0, "meeting": 1, "decision": 2}
    rows.sort(key=lambda r: (r["g"], r["date"] is None, date_key(r["date"]),
                             section[r["element"]] if r["date"] is None else 0, r["order"]))
    return rows


def chronology(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """Dated events, meetings and decisions in order; undated ones after, in document order."""
    rows = chronology_rows(store, options)
    _with_quotes(store, rows, "item")
    for r in rows:
        r["review"] = r["g"]
    return _table(["review", "date", "when", "element", "id", "kind", "outcome", "about",
                   "quote"], rows)


def decisions(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """Decisions declined, not completed or delayed, and the next things that happened."""
    timeline = defaultdict(list)
    for item in chronology_rows(store, options):
        timeline[item["g"]].append(item)
    rows = sorted(_rows(store, query, options), key=lambda r: (r["g"], date_key(r["date"])))
    _with_quotes(store, rows, "decision")
    for r in rows:
        r["review"], r["decision"] = r["g"], r["decisionId"]
        r["about"] = " ".join(sorted((r["about"] or "").split())) or None
        start = r["date"] or r["meetingDate"]
        if start:
            later = [i for i in timeline[r["g"]] if i["id"] != r["decisionId"] and i["date"]
                     and date_key(i["date"]) > date_key(start)][:3]
        else:  # undated: what the review ends with for the same children
            about = set((r["about"] or "").split())
            later = [i for i in timeline[r["g"]] if i["kind"] in OUTCOME_EVENTS
                     and (not about or about & set((i["about"] or "").split()))]
        r["next"] = "; ".join(f"{i['date'] or 'undated'} {i['kind']} ({i['id']})"
                              for i in later) or None
    return _table(["review", "decision", "kind", "outcome", "date", "when", "meeting", "by",
                   "about", "next", "quote"], rows)


def themes(store: Store, query: "NamedQuery", options: "Options") -> "Table":
    """Learning themes with how many findings and reviews raise them, most common first."""
    found: dict[str, dict] = {}
    for r in _rows(store, query, options):
        entry = found.setdefault(r["theme"], {"theme": r["theme"], "findings": set(),
                                              "reviews": set()})
        entry["findings"].add((r["g"], r["finding"]))
        entry["reviews"].add(r["g"])
    rows = sorted(found.values(), key=lambda e: (-len(e["reviews"]), -len(e["findings"]),
                                                 e["theme"]))
    for e in rows:
        e["reviewIds"] = " ".join(sorted(e["reviews"]))
        e["reviews"], e["findings"] = len(e["reviews"]), len(e["findings"])
    return _table(["theme", "reviews", "findings", "reviewIds"], rows)


#: What a review ends with, for decisions that carry no date.
OUTCOME_EVENTS = {"death", "serious_injury"}


def _tail(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None
