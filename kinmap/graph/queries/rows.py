"""What each named query finds in one review: SPARQL, then plain JSON-ready rows.

Each `collect_*` function runs its query's `.rq` file over one review (its
named graph bound as ?g) or, with no review, over every review at once, and
gives rows of str, int, float, bool and None values, with the quote of each
element. Rows are the same whichever options the analyst chose (all meeting
kinds, every person known to an agency): the options are applied when the rows
become an answer (`answers.py`). That is what lets the rows of each review be
worked out once, when it is loaded, and kept beside it (`stored.py`).

SPARQL finds the facts; Python does what SPARQL does badly or slowly: comparing
ISO partial dates and grouping households with networkx.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode

from ...ontology import concept_value, graph_iri, review_id_of_graph
from ..store import PREFIXES, Store, term_value
from .dates import date_key, may_overlap

Rows = list[dict[str, Any]]


#: The columns of each query's rows, in order. Stored rows with other columns are not used.
COLUMNS: dict[str, list[str]] = {
    "absent-agencies": ["review", "meeting", "kind", "date", "agency", "agencyKind", "status",
                        "quote", "agencyId", "service", "serviceInferred", "partnership"],
    "missed-sharing": ["review", "status", "from", "to", "about", "what", "date", "quote",
                       "fromKind", "toKind", "fromService", "toService", "fromInferred",
                       "toInferred", "partnership"],
    "interconnected-families": ["review", "households", "size", "linkedBy", "people"],
    "known-to": ["review", "person", "role", "subject", "agencies", "agencyNames",
                 "leadAgencies", "severalLeads", "ownVoice", "voiceFinding", "partnership",
                 "agencyDetails"],
    "decisions": ["review", "decision", "kind", "outcome", "date", "when", "meeting", "by",
                  "about", "next", "quote"],
    "themes": ["review", "theme", "findings"],
    "chronology": ["review", "date", "when", "element", "id", "kind", "outcome", "about",
                   "quote"],
    "overview": ["review", "title", "structures", "agencies", "strategyMeetings", "absences",
                 "sharing"],
}


@lru_cache(maxsize=None)
def query_text(file_name: str) -> str:
    """A query file of this folder with kinmap's prefixes in front."""
    return PREFIXES + (Path(__file__).parent / file_name).read_text(encoding="utf-8")


def select(store: Store, file_name: str, review: str | None) -> Rows:
    """Run a query file, over one review or every review, as dicts of plain values.

    Concept IRIs become their values ('strategy_meeting') and ?g the review id.
    """
    bound = {"g": NamedNode(graph_iri(review))} if review else {}
    result = store.select(query_text(file_name), bound)
    columns = result.columns
    out = []
    for row in result.rows:
        record = {}
        for column, term in zip(columns, row):
            value = term_value(term)
            if isinstance(value, str) and "/vocab/" in value:
                try:
                    value = concept_value(value)[1]
                except KeyError:
                    pass
            record[column] = value
        if review:
            record["g"] = review
        elif record.get("g") is not None:
            record["g"] = review_id_of_graph(record["g"])
        out.append(record)
    return out


def with_quotes(store: Store, rows: Rows, column: str) -> None:
    """Fill each row's `quote` with the quote of the element in `column`."""
    found = store.quotes(r[column] for r in rows)
    for r in rows:
        r["quote"] = found.get(r[column])


def keep(rows: Rows, columns: list[str]) -> Rows:
    """The rows with only these columns (what the answers use), in this order."""
    return [{c: r.get(c) for c in columns} for r in rows]


def tail(iri: str | None) -> str | None:
    """The last segment of an element IRI: its id in the case map."""
    return iri.rsplit("/", 1)[-1] if iri else None


# ---------------------------------------------------------------- the queries

def collect_absent_agencies(store: Store, review: str | None) -> Rows:
    """Per meeting of any kind: agencies absent, and involved ones not recorded as attending."""
    found: dict[tuple, dict] = {}
    for r in select(store, "absent-agencies.rq", review):
        if r["status"] != "absent" and not may_overlap(r["date"], r["since"], r["until"]):
            continue
        key = (r["g"], r["meetingId"], r["agencyId"])
        if key not in found or r["status"] == "absent":
            found[key] = r
    rows = sorted(found.values(), key=lambda r: (r["g"], date_key(r["date"]), r["meetingId"],
                                                  r["status"] != "absent", r["agencyId"]))
    with_quotes(store, rows, "quoted")
    for r in rows:
        r["review"], r["meeting"] = r["g"], r["meetingId"]
        r["agency"] = r["agencyLabel"] or r["agencyId"]
        r["service"], r["serviceInferred"] = service_of_row(r["service"], r["inferredService"])
    return keep(rows, COLUMNS["absent-agencies"])


def service_of_row(given: str | None, inferred: str | None) -> tuple[str | None, bool | None]:
    """(service, whether kinmap inferred it): the given service wins; (None, None) if none."""
    if given:
        return given, False
    return (inferred, True) if inferred else (None, None)


def collect_missed_sharing(store: Store, review: str | None) -> Rows:
    """Every information-sharing link marked missed or partial, with its agencies' kinds."""
    rows = sorted(select(store, "missed-sharing.rq", review), key=lambda r: (r["g"], r["order"]))
    with_quotes(store, rows, "link")
    for r in rows:
        r["review"] = r["g"]
        r["from"] = r["fromLabel"] or tail(r["from"])
        r["to"] = r["toLabel"] or tail(r["to"])
        r["about"] = "; ".join(sorted((r["about"] or "").split("; "))) or None
        r["fromService"], r["fromInferred"] = service_of_row(r["fromService"], r["fromInferred"])
        r["toService"], r["toInferred"] = service_of_row(r["toService"], r["toInferred"])
    return keep(rows, COLUMNS["missed-sharing"])


def collect_interconnected_families(store: Store, review: str | None) -> Rows:
    """Each review's households, grouped where a shared member or a parent links them.

    One row per group, single households included: `people` lists everyone in
    the group (members, and parents of members) as [IRI, label], so that a
    person identified as the same in another review (`identity.py`) can join
    groups across reviews when the answer is made.
    """
    import networkx as nx

    graph = nx.Graph()
    labels: dict[tuple, str] = {}
    members: dict[tuple, set] = defaultdict(set)
    children: dict[tuple, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    for r in select(store, "interconnected-families.rq", review):
        household, person = (r["g"], r["household"]), (r["g"], r["person"])
        graph.add_node(household)
        labels[household] = r["householdLabel"] or tail(r["household"])
        labels[person] = r["personLabel"] or tail(r["person"])
        members[person].add(household)
        if r["parent"]:
            parent = (r["g"], r["parent"])
            labels[parent] = r["parentLabel"] or tail(r["parent"])
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
    in_household: dict[tuple, set] = defaultdict(set)
    for person, households in members.items():
        for household in households:
            in_household[household].add(person)
    for parent, by_household in children.items():
        for household in by_household:
            in_household[household].add(parent)
    rows = []
    for group in sorted(sorted(c) for c in nx.connected_components(graph)):
        linked_by = sorted({why for pair, whys in links.items() if pair <= set(group)
                            for why in whys})
        people = sorted({p for h in group for p in in_household[h]})
        rows.append({"review": group[0][0],
                     "households": "; ".join(labels[h] for h in group),
                     "size": len(group),
                     "linkedBy": "; ".join(linked_by),
                     "people": [[p[1], labels[p]] for p in people]})
    return keep(rows, COLUMNS["interconnected-families"])


def _link(graph, links: dict, households: set, why: str) -> None:
    ordered = sorted(households)
    for a, b in zip(ordered, ordered[1:]):
        graph.add_edge(a, b)
        links[frozenset((a, b))].add(why)


def collect_known_to(store: Store, review: str | None) -> Rows:
    """Every person known to an agency: how many, which, lead agencies, the child's voice.

    For a subject child, `ownVoice` says whether the case map records the child
    saying anything (a disclosure about them), and `voiceFinding` whether the
    review raises the voice of the child as a learning theme.
    """
    voice = select(store, "_voice.rq", review)
    findings = {r["g"] for r in voice if r["kind"] == "finding"}
    disclosed = {(r["g"], r["person"]) for r in voice if r["kind"] == "disclosure"}
    agencies = {(r["g"], r["agency"]): r for r in select(store, "_agencies.rq", review)}
    rows = select(store, "known-to.rq", review)
    for r in rows:
        details = []
        for iri in sorted(set((r["agencyIris"] or "").split())):
            a = agencies.get((r["g"], iri))
            if a is not None:
                service, inferred = service_of_row(a["service"], a["inferredService"])
                details.append([a["label"] or a["agencyId"], a["kind"], service, inferred])
        r["agencyDetails"] = sorted(details, key=lambda d: (d[0].lower(), d[0]))
        r["subject"] = bool(r["subject"])
        r["ownVoice"] = (r["g"], r["person"]) in disclosed if r["subject"] else None
        r["voiceFinding"] = r["g"] in findings if r["subject"] else None
        r["review"], r["person"] = r["g"], r["personLabel"] or r["personId"]
        r["agencyNames"] = "; ".join(sorted(r["agencyNames"].split("; ")))
        r["severalLeads"] = r["leadAgencies"] >= 2
    rows.sort(key=lambda r: (r["review"], -r["agencies"], r["person"], r["personId"]))
    return keep(rows, COLUMNS["known-to"])


def timeline(store: Store, review: str | None) -> Rows:
    """The events, meetings and decisions of one review or every review, in order."""
    rows = select(store, "chronology.rq", review)
    for r in rows:
        r["about"] = " ".join(sorted((r["about"] or "").split())) or None
    section = {"event": 0, "meeting": 1, "decision": 2}
    rows.sort(key=lambda r: (r["g"], r["date"] is None, date_key(r["date"]),
                             section[r["element"]] if r["date"] is None else 0, r["order"],
                             section[r["element"]]))
    return rows


def collect_chronology(store: Store, review: str | None) -> Rows:
    """Dated events, meetings and decisions in order; undated ones after, in document order."""
    rows = timeline(store, review)
    with_quotes(store, rows, "item")
    for r in rows:
        r["review"] = r["g"]
    return keep(rows, COLUMNS["chronology"])


#: What a review ends with, for decisions that carry no date.
OUTCOME_EVENTS = {"death", "serious_injury"}


def collect_decisions(store: Store, review: str | None) -> Rows:
    """Decisions declined, not completed or delayed, and the next things that happened."""
    by_review = defaultdict(list)
    for item in timeline(store, review):
        by_review[item["g"]].append(item)
    rows = sorted(select(store, "decisions.rq", review),
                  key=lambda r: (r["g"], date_key(r["date"]), r["order"]))
    with_quotes(store, rows, "decision")
    for r in rows:
        r["review"], r["decision"] = r["g"], r["decisionId"]
        r["about"] = " ".join(sorted((r["about"] or "").split())) or None
        start = r["date"] or r["meetingDate"]
        if start:
            later = [i for i in by_review[r["g"]] if i["id"] != r["decisionId"] and i["date"]
                     and date_key(i["date"]) > date_key(start)][:3]
        else:  # undated: what the review ends with for the same children
            about = set((r["about"] or "").split())
            later = [i for i in by_review[r["g"]] if i["kind"] in OUTCOME_EVENTS
                     and (not about or about & set((i["about"] or "").split()))]
        r["next"] = "; ".join(f"{i['date'] or 'undated'} {i['kind']} ({i['id']})"
                              for i in later) or None
    return keep(rows, COLUMNS["decisions"])


def collect_themes(store: Store, review: str | None) -> Rows:
    """Each learning theme a review raises, with how many of its findings raise it."""
    counts: dict[tuple[str, str], set] = defaultdict(set)
    for r in select(store, "themes.rq", review):
        counts[(r["g"], r["theme"])].add(r["finding"])
    return keep([{"review": g, "theme": theme, "findings": len(found)}
                 for (g, theme), found in sorted(counts.items())], COLUMNS["themes"])


# ---------------------------------------------------------------- the overview

#: The kinds of family structure the overview finds, in the order it shows them
#: (their words are in `kinmap.graph.overview`).
STRUCTURES = ("lone_parent", "both_parents", "new_partner", "several_partners",
              "several_homes", "kinship_care", "foster_care", "residential")
PARENT_ROLES = {"mother", "father", "parent"}
NEW_PARTNER_ROLES = {"stepmother", "stepfather", "partner_of_parent"}
RESIDENTIAL = {"residential_home", "residential_school", "secure", "supported_accommodation"}
#: A stay that is an event in a child's life, not a home (issue 11).
NOT_A_HOME = {"hospital"}


def collect_overview(store: Store, review: str | None) -> Rows:
    """One row per review: its title, the kinds of family structure it shows (each with the
    facts that show it), its agencies by kind, absences from strategy meetings by agency
    kind, and missed or partial information sharing by pair of agency kinds."""
    facts: dict[str, Rows] = defaultdict(list)
    for r in select(store, "overview.rq", review):
        facts[r["g"]].append(r)
    return keep([_review_overview(g, found) for g, found in sorted(facts.items())],
                COLUMNS["overview"])


def _review_overview(review: str, found: Rows) -> dict[str, Any]:
    by: dict[str, Rows] = defaultdict(list)
    for r in found:
        by[r["what"]].append(r)
    title = next((r["label"] for r in by["review"] if r["label"]), None)
    agencies: dict[str, dict[str, Any]] = {}
    for r in by["agency"]:
        entry = agencies.setdefault(r["element"], {"kind": r["kind"], "services": set()})
        service, _ = service_of_row(r["a"], r["b"])
        if service:
            entry["services"].add(service)
    kinds: dict[str, list] = {}
    for entry in agencies.values():
        kind = kinds.setdefault(entry["kind"], [entry["kind"], 0, set()])
        kind[1] += 1
        kind[2] |= entry["services"]
    strategy = {r["element"] for r in by["meeting"] if r["kind"] == "strategy_meeting"}
    absent: dict[str, set] = defaultdict(set)
    for r in by["meeting"]:
        if r["element"] in strategy and r["a"] and r["b"]:
            absent[r["b"]].add((r["element"], r["a"]))
    sharing: dict[tuple, set] = defaultdict(set)
    for r in by["sharing"]:
        if r["kind"] in ("missed", "partial"):
            sharing[(r["a"], r["b"], r["kind"])].add(r["element"])
    return {"review": review, "title": title,
            "structures": family_structures(by["person"], by["relationship"], by["household"]),
            "agencies": [[k, n, sorted(s)] for k, n, s in sorted(kinds.values())],
            "strategyMeetings": len(strategy),
            "absences": [[k, len(pairs)] for k, pairs in sorted(absent.items())],
            "sharing": [[a, b, status, len(links)] for (a, b, status), links in
                        sorted(sharing.items(), key=lambda item: tuple(map(str, item[0])))]}


def family_structures(people: Rows, relationships: Rows, households: Rows) -> list[list[str]]:
    """[kind, the facts that show it] for each kind of family structure of STRUCTURES that
    one review's people, ties and households show, in that order.

    Roles are the tie to the subject child, so a 'mother' is a parent of the subject
    children; so is anyone with a parent tie to one. A parent's families are counted by
    partners (the other parents of their children), and a hospital stay is not a home.
    """
    # Every engine returns rows in its own order; sorted, the facts read the same anywhere.
    people = sorted(people, key=lambda r: r["element"])
    relationships = sorted(relationships, key=lambda r: (r["kind"], r["a"], r["b"],
                                                         r["label"] or ""))
    households = sorted(households, key=lambda r: (r["element"], r["a"] or ""))
    name = {r["element"]: r["label"] or r["a"] or tail(r["element"]) for r in people}
    role = {r["element"]: r["kind"] for r in people}
    subjects = [r["element"] for r in people if r["subject"]] or \
        [p for p, k in role.items() if k == "subject"]
    ties = [(r["kind"], r["a"], r["b"]) for r in relationships]
    parents: dict[str, set] = defaultdict(set)
    children: dict[str, set] = defaultdict(set)
    for kind, a, b in ties:
        if kind == "parent":
            parents[b].add(a)
            children[a].add(b)
    for person, kind in role.items():
        if kind in PARENT_ROLES:
            for child in subjects:
                parents[child].add(person)
    parent_of_subject = {p for child in subjects for p in parents[child]}
    new_partners: dict[str, str] = {p: _role(k) for p, k in role.items()
                                    if k in NEW_PARTNER_ROLES}
    for r in relationships:
        kind, a, b = r["kind"], r["a"], r["b"]
        if kind == "step_parent" and b in subjects:
            new_partners.setdefault(a, f"step-parent of {name.get(b, tail(b))}")
        # a parent's partner who is not the child's parent; an ex-partner is not new
        if kind == "partner" and r["label"] not in ("separated", "divorced"):
            for one, other in ((a, b), (b, a)):
                if one in parent_of_subject and other not in parent_of_subject:
                    new_partners.setdefault(other, f"partner of {name.get(one, tail(one))}")
    homes: dict[str, dict[str, Any]] = {}
    for r in households:
        home = homes.setdefault(r["element"], {"kind": r["kind"], "members": set(),
                                               "label": r["label"] or tail(r["element"])})
        if r["a"]:
            home["members"].add(r["a"])
    words = {h: f"{home['label']} ({home['kind'].replace('_', ' ')})"
             for h, home in homes.items()}
    found: dict[str, list[str]] = defaultdict(list)

    for h, home in homes.items():
        if home["kind"] in NOT_A_HOME:
            continue
        for child in subjects:
            if child not in home["members"]:
                continue
            at_home = parents[child] & home["members"]
            partner_home = set(new_partners) & home["members"]
            if len(at_home) >= 2:
                found["both_parents"].append(f"{name[child]} with "
                                             f"{_listed(name, at_home)} at {words[h]}")
            elif len(at_home) == 1 and not partner_home:
                found["lone_parent"].append(f"{name[child]} with "
                                            f"{_listed(name, at_home)} at {words[h]}")
    for p in sorted(new_partners, key=lambda p: name.get(p, p)):
        found["new_partner"].append(f"{name.get(p, tail(p))} ({new_partners[p]})")
    for parent, kids in sorted(children.items()):
        partners = {other for kid in kids for other in parents[kid] if other != parent}
        if len(partners) >= 2:
            found["several_partners"].append(f"{name.get(parent, tail(parent))} has children "
                                             f"with {len(partners)} partners")
    for kind, a, b in ties:
        if kind == "half_sibling":
            found["several_partners"].append(f"{name.get(a, tail(a))} and "
                                             f"{name.get(b, tail(b))} are half-siblings")
    for child in subjects:
        lived = [h for h, home in homes.items()
                 if child in home["members"] and home["kind"] not in NOT_A_HOME]
        if len(lived) >= 2:
            found["several_homes"].append(f"{name[child]} lived in {len(lived)} homes: "
                                          + "; ".join(words[h] for h in lived))
    for h, home in homes.items():
        kind = home["kind"]
        target = ("kinship_care" if kind == "kinship_placement" else "foster_care"
                  if kind == "foster_placement" else "residential" if kind in RESIDENTIAL
                  else None)
        if target:
            found[target].append(words[h])
    for kind, a, b in ties:
        target = {"special_guardian": "kinship_care", "foster_parent": "foster_care"}.get(kind)
        if target:
            found[target].append(f"{name.get(a, tail(a))} is {_role(kind)} "
                                 f"of {name.get(b, tail(b))}")
    for person, kind in role.items():
        target = {"special_guardian": "kinship_care", "foster_carer": "foster_care"}.get(kind)
        if target:
            found[target].append(f"{name[person]} ({_role(kind)})")
    return [[kind, "; ".join(dict.fromkeys(found[kind]))] for kind in STRUCTURES
            if found.get(kind)]


def _listed(name: dict[str, str], people: set) -> str:
    return " and ".join(sorted(name.get(p, tail(p)) for p in people))


def _role(kind: str | None) -> str:
    return (kind or "no role").replace("_", " ")
