"""The overview of many reviews: kinds of family and agencies across a store, with counts.

`kinmap network` over more than a dozen reviews draws this instead of every
person of every review (which at 2,000 reviews is 47 MB of HTML that cannot be
read until zoomed in). Its nodes are bounded by the vocabularies, not by the
store: one per kind of family structure (`graph/overview.py`), one per agency
kind, and one for strategy meetings, each sized by how many reviews show it.
Its lines: a kind of family and an agency kind found together in more of the
family's reviews than of all reviews (width: reviews with both), agency kinds
absent from strategy meetings (width: absences), and information sharing missed
or partial between agency kinds (width: links). A second layer shows the
families an analyst linked across reviews (`kinmap same-person`): the people
and their reviews.

Every count comes from the rows stored beside each review when it was loaded
(the `overview` query), so the page is written without reading any review's
graph. Clicking a node or line lists its reviews, with the command that draws a
review's own network. Pseudonymised, the page holds no review id, title or name:
kinds, counts, roles and review numbers only.
"""
from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from ...graph.overview import (AGENCY_WORDS, NOT_NAMED, STRUCTURE_WORDS, Tally, overview_rows,
                               tally, words)
from .ecolines import AGENCY_COLOURS
from .network import FONT, _colour, _Graph, vis_options
from .page import render
from .text import clean, humanise, shorten

if TYPE_CHECKING:
    from ...graph.store import Store

#: More reviews than this, and `kinmap network` draws the overview unless asked for --full.
#: The full network is read by zooming in to one review's cluster: fitted at 1400x900 its
#: labels are 4.5 px for 4 synthetic reviews, 2.2 px for 12 and 1.5 px for 25, while each
#: cluster's caption stays at 13 px (benchmarks/README-overview.md). Up to a dozen reviews
#: (a team's working set, the bundled examples) the captions name each review and zooming
#: to one is quick; past that, the question is about the store, and the overview answers it.
FULL_UP_TO = 12
#: More reviews than this, and --full warns that the page is large and slow.
LARGE = 200
#: Label size, in network units (about 0.7 px each at 1400x900 after Fit).
LABEL_FONT = 20
#: The largest agency square: smaller than a kind of family, as there are more of them.
AGENCY_SIZE = 22
#: Counts on lines.
EDGE_FONT = 18
STRUCTURE_COLOUR, NONE_COLOUR = "#0b7285", "#8c959f"
TOGETHER, ABSENT, SHARING, SAME = "#6e7781", "#e8590c", "#d50000", "#0969da"
#: How many agency kinds a kind of family is joined to at most: the most over-represented.
TOGETHER_PER_FAMILY = 3
#: Found together this many times as often as over all reviews, at least, to be drawn.
LIFT = 1.1
#: Pairs of agency kinds with missed or partial sharing drawn at most: the ones with most links.
SHARING_PAIRS = 10
#: Bytes the lists of reviews may take in the page; past it titles, then lists, are left out.
BUDGET = 6_000_000
#: Agency kinds listed in a kind of family's details: the most over-represented in its reviews.
AGENCIES_LISTED = 5
#: Families linked across reviews drawn at most (the rest are counted in the caption).
LINKED_FAMILIES = 200


@dataclass
class LinkedFamily:
    """People an analyst identified as one across reviews, and their reviews."""

    #: (person IRI, review position, label, role)
    people: list[tuple[str, int, str, str | None]] = field(default_factory=list)
    same: list[tuple[str, str]] = field(default_factory=list)

    @property
    def reviews(self) -> list[int]:
        return sorted({p[1] for p in self.people})


def linked_families(store: "Store", positions: dict[str, int]) -> list[LinkedFamily]:
    """The families joined by `kinmap same-person` links among these reviews."""
    from ...graph.identity import links
    from ...graph.store import PREFIXES
    from ...ontology import review_id_of_graph

    pairs = links(store)
    if not pairs:
        return []
    iris = sorted({iri for pair in pairs for iri in pair})
    found: dict[str, tuple[int, str, str | None]] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + 500])
        result = store.select(PREFIXES + f"""SELECT ?p ?g ?id ?label ?role WHERE {{
  VALUES ?p {{ {values} }} GRAPH ?g {{ ?p a km:Person ; dcterms:identifier ?id .
  OPTIONAL {{ ?p rdfs:label ?label }} OPTIONAL {{ ?p km:role ?role }} }} }}""")
        for p, g, pid, label, role in result.rows:
            review = review_id_of_graph(g.value)
            if review in positions:
                found[p.value] = (positions[review], (label or pid).value,
                                  role.value.rsplit("-", 1)[-1] if role else None)
    # One family: people linked, and everyone linked from the same review (a review is
    # about one family), so a chain of links over several reviews is one family.
    parent = {iri: iri for iri in found}
    parent.update({f"review {r}": f"review {r}" for r, _, _ in found.values()})

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for iri, (review, _, _) in found.items():
        parent[root(iri)] = root(f"review {review}")
    kept = [(a, b) for a, b in pairs if a in found and b in found]
    for a, b in kept:
        parent[root(a)] = root(b)
    families: dict[str, LinkedFamily] = {}
    for a, b in kept:
        family = families.setdefault(root(a), LinkedFamily())
        family.same.append((a, b))
    for iri, (review, label, role) in sorted(found.items()):
        if root(iri) in families:
            families[root(iri)].people.append((iri, review, label, role))
    return sorted(families.values(), key=lambda f: (f.reviews, f.people[0][0]))


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _size(part: int, whole: int, largest: float = 30) -> float:
    """A node's size (its radius) by its share of the reviews: its area grows with the share."""
    return round(8 + (largest - 8) * math.sqrt(part / whole), 1) if whole else 8.0


def _stacked(sizes: list[float], gap: float) -> list[float]:
    """The y of nodes of these sizes in a column centred on 0, each with its label under it
    and `gap` to spare (a label line is about 26 units)."""
    ys, y = [], 0.0
    for i, size in enumerate(sizes):
        if i:
            y += sizes[i - 1] + size + gap
        ys.append(y)
    middle = (ys[0] + ys[-1]) / 2 if ys else 0.0
    return [round(v - middle, 1) for v in ys]


def _reviews_text(n: int) -> str:
    return f"{n:,} review" + ("" if n == 1 else "s")


class _Builder:
    """Nodes, edges, details and drill-down lists of one overview."""

    def __init__(self, found: Tally) -> None:
        self.found = found
        self.total = len(found.reviews)
        self.graph = _Graph()
        self.details: dict[str, dict[str, Any]] = {}
        self.drill: dict[str, dict[str, Any]] = {}
        #: The ref of each node, by node key.
        self.node_refs: dict[str, str] = {}

    def ref(self, key: str, heading: str, kind: str, facts: list[list[str]],
            reviews: Iterable[int] | None = None, both: tuple[str, str] | None = None) -> str:
        ref = f"r{len(self.details) + 1}"
        self.details[ref] = {"heading": heading, "kind": kind, "facts": facts}
        self.drill[ref] = {"both": list(both)} if both else {"reviews": sorted(reviews or ())}
        return ref

    def node(self, key: str, layer: str, ref: str, label: str, x: float, y: float,
             **style: Any) -> None:
        self.graph.node(key, label, label=label, ref=ref, layer=layer, x=round(x, 1),
                        y=round(y, 1), **style)
        self.node_refs[key] = ref

    def edge(self, source: str, target: str, family: str, ref: str, **style: Any) -> None:
        self.graph.edge(source, target, f"{family} line", ref=ref, family=family,
                        layer="linked" if family in ("same", "in") else "kinds", **style)


def _kinds(b: _Builder) -> dict[str, str]:
    """The kinds layer: families left, agencies in the middle, strategy meetings right.
    Returns each drawn kind's node key."""
    found, total = b.found, b.total
    keys: dict[str, str] = {}
    families = [k for k in STRUCTURE_WORDS if found.structures.get(k)]
    column = families + (["none"] if found.unstructured else [])
    ys = _stacked([_size(len(found.unstructured if k == "none" else found.structures[k]),
                         total) for k in column], 46)
    for kind, y in zip(column, ys):
        reviews = found.unstructured if kind == "none" else found.structures[kind]
        name = "None of these recorded" if kind == "none" else words(kind)
        means = ("the case map records no household or parent that shows one of these kinds"
                 if kind == "none" else STRUCTURE_WORDS[kind][1])
        facts = [["reviews", f"{len(reviews):,} of {total:,} ({_share(len(reviews), total)})"],
                 ["means", means]]
        if kind != "none":
            facts += _agencies_with(found, reviews)
        ref = b.ref(f"family/{kind}", name, "kind of family", facts, reviews)
        keys[kind] = f"family/{kind}"
        b.node(keys[kind], "kinds", ref, f"{name} · {len(reviews):,} ({_share(len(reviews), total)})",
               -640, y, group="none" if kind == "none" else "family", shape="dot",
               size=_size(len(reviews), total))
    agencies = sorted(found.agencies, key=lambda k: (-len(found.agencies[k]), words(k)))
    ys = _stacked([_size(len(found.agencies[k]), total, AGENCY_SIZE) for k in agencies], 38)
    for kind, y in zip(agencies, ys):
        reviews = found.agencies[kind]
        facts = [["reviews", f"{len(reviews):,} of {total:,} ({_share(len(reviews), total)})"],
                 ["agencies of this kind", f"{found.agency_count[kind]:,}"]]
        services = found.services.get(kind, {})
        if services:
            facts.append(["services", "; ".join(
                f"{words(s)} ({len(r):,})" for s, r in
                sorted(services.items(), key=lambda item: (-len(item[1]), item[0])))])
        if found.absences.get(kind):
            facts.append(["absent from strategy meetings",
                          f"{found.absences[kind]:,} time{'' if found.absences[kind] == 1 else 's'} in "
                          f"{_reviews_text(len(found.absent[kind]))}"])
        for side, index in (("missed or partial sharing from it", 0),
                            ("missed or partial sharing to it", 1)):
            links = sum(sum(c.values()) for pair, c in found.links.items() if pair[index] == kind)
            if links:
                facts.append([side, f"{links:,} links"])
        ref = b.ref(f"agency/{kind}", words(kind), "agency kind", facts, reviews)
        keys[kind] = f"agency/{kind}"
        b.node(keys[kind], "kinds", ref,
               f"{words(kind)} · {len(reviews):,} ({_share(len(reviews), total)})",
               0, y, group=f"agency-{kind if kind in AGENCY_COLOURS else 'other'}",
               shape="square", size=_size(len(reviews), total, AGENCY_SIZE))
    held = found.strategy_meetings
    if held or found.absences:
        meetings = sum(held.values())
        facts = [["held", f"{meetings:,} in {_reviews_text(len(held))}"],
                 ["agencies recorded absent", f"{sum(found.absences.values()):,} times"]]
        ref = b.ref("meetings", "Strategy meetings", "meetings", facts, held)
        keys["meetings"] = "meetings"
        b.node("meetings", "kinds", ref, f"Strategy meetings · {meetings:,} in "
               f"{_reviews_text(len(held))}", 560, 0, group="meetings", shape="diamond",
               size=_size(len(held), total))
    _together(b, families, keys)
    _absent(b, keys)
    _sharing(b, keys)
    return keys


def _agencies_with(found: Tally, reviews: set[int]) -> list[list[str]]:
    """For a kind of family: the agency kinds most over-represented in its reviews, against
    all reviews (every agency kind: `kinmap query overview --detail`)."""
    total = len(found.reviews)
    rows = []
    for kind, all_reviews in found.agencies.items():
        both = len(reviews & all_reviews)
        if both:
            lift = (both / len(reviews)) / (len(all_reviews) / total)
            rows.append((-lift, -both, words(kind),
                         f"{_share(both, len(reviews))} of these reviews "
                         f"({_share(len(all_reviews), total)} of all)"))
    return [[name, text] for *_, name, text in sorted(rows)[:AGENCIES_LISTED]]


def _together(b: _Builder, families: list[str], keys: dict[str, str]) -> None:
    """A kind of family joined to the agency kinds most over-represented in its reviews."""
    found, total = b.found, b.total
    chosen = []
    for family in families:
        reviews = found.structures[family]
        scored = []
        for agency, all_reviews in found.agencies.items():
            both = len(reviews & all_reviews)
            lift = (both / len(reviews)) / (len(all_reviews) / total)
            if both >= 2 and lift >= LIFT:
                scored.append((-lift, -both, agency, both, lift))
        chosen += [(family, agency, both, lift) for *_, agency, both, lift
                   in sorted(scored)[:TOGETHER_PER_FAMILY]]
    most = max((both for _, _, both, _ in chosen), default=1)
    for family, agency, both, lift in chosen:
        reviews, agency_reviews = found.structures[family], found.agencies[agency]
        ref = b.ref(f"together/{family}/{agency}", f"{words(family)} and {words(agency)}",
                    "found together", [
                        ["reviews with both", f"{both:,}"],
                        [f"of {words(family).lower()} reviews", _share(both, len(reviews))],
                        ["of all reviews", f"{_share(len(agency_reviews), total)} involve "
                                           f"{words(agency).lower()}"],
                        ["so", f"{lift:.1f} times as often as over all reviews"]],
                    both=(b.node_refs[keys[family]], b.node_refs[keys[agency]]))
        b.edge(keys[family], keys[agency], "together", ref, arrows="",
               width=round(1 + 7 * both / most, 1),
               color={"color": TOGETHER, "opacity": 0.55})


def _absent(b: _Builder, keys: dict[str, str]) -> None:
    found = b.found
    most = max(found.absences.values(), default=1)
    for kind, count in sorted(found.absences.items()):
        if kind not in keys or "meetings" not in keys:
            continue
        reviews = found.absent[kind]
        ref = b.ref(f"absent/{kind}", f"{words(kind)} absent from strategy meetings",
                    "absences", [["absences", f"{count:,}"],
                                 ["reviews", f"{len(reviews):,}"]], reviews)
        b.edge(keys[kind], "meetings", "absent", ref, label=f"{count:,}", arrows="",
               width=round(1.5 + 7 * count / most, 1), color={"color": ABSENT},
               font={"size": EDGE_FONT, "color": ABSENT, "strokeWidth": 5,
                     "strokeColor": "#ffffff", "align": "middle"})


def _sharing(b: _Builder, keys: dict[str, str]) -> None:
    """The pairs of agency kinds with the most missed or partial links (every pair is in
    `kinmap query overview`; an end the review does not name is counted on the other)."""
    found = b.found
    totals = {pair: sum(c.values()) for pair, c in found.links.items()
              if pair[0] in keys and pair[1] in keys}
    drawn = sorted(totals.items(), key=lambda i: (-i[1], tuple(map(str, i[0]))))[:SHARING_PAIRS]
    most = max(totals.values(), default=1)
    order = {key: i for i, key in enumerate(keys)}
    for (source, target), count in sorted(drawn, key=lambda i: tuple(map(str, i[0]))):
        c = found.links[(source, target)]
        reviews = found.sharing[(source, target)]
        ref = b.ref(f"sharing/{source}/{target}",
                    f"{words(source)} to {words(target)}: information sharing",
                    "missed or partial sharing",
                    [["missed", f"{c['missed']:,}"], ["partial", f"{c['partial']:,}"],
                     ["reviews", f"{len(reviews):,}"]], reviews)
        # bulge to the right of the agency column, whichever way the arrow points
        down = order[source] < order[target]
        b.edge(keys[source], keys[target], "sharing", ref, label=f"{count:,}", arrows="to",
               dashes=True, width=round(1.5 + 6 * count / most, 1), color={"color": SHARING},
               smooth={"enabled": True, "type": "curvedCW" if down else "curvedCCW",
                       "roundness": 0.45},
               font={"size": EDGE_FONT, "color": SHARING, "strokeWidth": 5,
                     "strokeColor": "#ffffff"})


def _linked(b: _Builder, families: list[LinkedFamily], pseudonymised: bool) -> None:
    """The linked layer: each family a cell, its reviews round it, its people inside."""
    per_row = max(1, math.ceil(math.sqrt(len(families) * 1.4)))
    for n, family in enumerate(families):
        cx, cy = (n % per_row) * 760, (n // per_row) * 620 + 2000
        reviews = family.reviews
        angle = {r: -math.pi / 2 + 2 * math.pi * i / len(reviews) for i, r in enumerate(reviews)}
        for r in reviews:
            key = f"linked/{n}/review/{r}"
            name = f"Review {r + 1}" if pseudonymised else b.found.reviews[r][0]
            title = b.found.reviews[r][1]
            facts = [["people linked to other reviews",
                      str(sum(1 for p in family.people if p[1] == r))]]
            if title and not pseudonymised:
                facts.insert(0, ["title", clean(title)])
            ref = b.ref(key, name, "review", facts, [r])
            b.node(key, "linked", ref, shorten(name, 30), cx + 230 * math.cos(angle[r]),
                   cy + 230 * math.sin(angle[r]), group="review", shape="box", hidden=True)
        placed: dict[int, int] = {}
        # node keys of their own: a person's IRI holds the review's id and the person's
        key_of = {iri: f"linked/{n}/person/{k}" for k, (iri, *_) in enumerate(family.people)}
        for iri, r, label, role in family.people:
            i = placed[r] = placed.get(r, 0) + 1
            spread = (i - 1) * 0.35 * (1 if i % 2 else -1)
            x = cx + 110 * math.cos(angle[r] + spread)
            y = cy + 110 * math.sin(angle[r] + spread)
            name = (humanise(role).capitalize() if role not in (None, "other") else "Person") \
                if pseudonymised else clean(label)
            review_name = f"Review {r + 1}" if pseudonymised else b.found.reviews[r][0]
            ref = b.ref(key_of[iri], name, "person", [["review", review_name]] +
                        ([] if pseudonymised or not role else [["role", humanise(role)]]), [r])
            b.node(key_of[iri], "linked", ref, shorten(name, 28), x, y, group="person",
                   shape="dot", size=12, hidden=True)
            b.edge(key_of[iri], f"linked/{n}/review/{r}", "in", ref, hidden=True, arrows="",
                   color={"color": "#afb8c1"}, width=1)
        for a, c in family.same:
            ref = b.ref(f"same/{a}/{c}", "The same person", "same-person link",
                        [["said by", "an analyst (kinmap same-person)"]],
                        {p[1] for p in family.people if p[0] in (a, c)})
            b.edge(key_of[a], key_of[c], "same", ref, hidden=True, width=3.5, color={"color": SAME}, arrows="",
                   label="same person", font={"size": 15, "color": SAME, "strokeWidth": 4,
                                              "strokeColor": "#ffffff"})


def _groups() -> dict[str, dict[str, Any]]:
    def font(colour: str = "#1f2328", size: int = LABEL_FONT) -> dict[str, Any]:
        return {"size": size, "face": FONT, "color": colour, "strokeWidth": 4,
                "strokeColor": "#ffffff"}
    groups = {
        "family": {"font": font(), "borderWidth": 3,
                   "color": _colour("#e3fafc", STRUCTURE_COLOUR, hover_border=STRUCTURE_COLOUR)},
        "none": {"font": font("#57606a"), "borderWidth": 2,
                 "color": _colour("#f6f8fa", NONE_COLOUR, hover_border=NONE_COLOUR)},
        "meetings": {"font": font(), "borderWidth": 3,
                     "color": _colour("#fff4e6", ABSENT, hover_border=ABSENT)},
        "review": {"font": {"size": 17, "face": FONT, "color": "#1f2328"}, "borderWidth": 2,
                   "margin": 8, "color": _colour("#ffffff", "#24292f")},
        "person": {"font": font(size=17), "borderWidth": 2,
                   "color": _colour("#ffffff", SAME, hover_border=SAME)},
    }
    for kind, colour in AGENCY_COLOURS.items():
        groups[f"agency-{kind}"] = {"font": font(), "borderWidth": 3,
                                    "color": _colour("#ffffff", colour, hover_border=colour)}
    return groups


def _options(b: _Builder) -> dict[str, Any]:
    return vis_options(b.graph.net, _groups(), arrow_scale=0.8,
                       edges={"selfReference": {"size": 26, "angle": 0}})


def overview_data(found: Tally, families: Iterable[LinkedFamily] = (), *,
                  pseudonymised: bool = False, command: str = "kinmap",
                  budget: int = BUDGET) -> dict[str, Any]:
    """Nodes, edges and options (pyvis's data model), details and drill-down lists."""
    b = _Builder(found)
    _kinds(b)
    families = list(families)
    _linked(b, families[:LINKED_FAMILIES], pseudonymised)
    linked_reviews = {r for f in families for r in f.reviews}
    data = {"view": "overview", "nodes": b.graph.net.nodes, "edges": b.graph.net.edges,
            "options": _options(b), "details": b.details, "drill": b.drill,
            "reviewCount": b.total, "pseudonymised": pseudonymised,
            "linked": {"families": len(families), "drawn": min(len(families), LINKED_FAMILIES),
                       "reviews": len(linked_reviews)}}
    if not pseudonymised:
        data["reviews"] = [[rid, shorten(clean(title), 120) if title else None]
                           for rid, title in found.reviews]
        data["command"] = command
    _within(data, budget)
    return data


def _within(data: dict[str, Any], budget: int) -> None:
    """Keep the page's lists of reviews within `budget` bytes: titles go first, then the
    lists themselves (the counts stay; `kinmap query overview --detail` lists every review)."""
    import json

    def size() -> int:
        return len(json.dumps([data.get("reviews"), data["drill"]], separators=(",", ":")))

    data["listed"] = "all"
    if size() <= budget:
        return
    if data.get("reviews"):
        data["reviews"] = [[rid, None] for rid, _ in data["reviews"]]
        data["listed"] = "ids"
        if size() <= budget:
            return
    data.pop("reviews", None)
    for entry in data["drill"].values():
        entry.pop("both", None)
        entry["reviews"] = []
    data["listed"] = "none"


def overview_page(found: Tally, families: Iterable[LinkedFamily] = (), *,
                  pseudonymised: bool = False, command: str = "kinmap") -> str:
    """The overview as one offline HTML page."""
    from .visjs import vis_network_script

    data = overview_data(found, families, pseudonymised=pseudonymised, command=command)
    total = len(found.reviews)
    vis_version, vis_script = vis_network_script()
    families_drawn = sum(1 for k in STRUCTURE_WORDS if found.structures.get(k))
    subtitle = (f"Overview of {_reviews_text(total)}: {families_drawn} kinds of family, "
                f"{len(found.agencies)} kinds of agency, with counts")
    return render("overview.html", view="overview", view_name="Overview",
                  title=f"{total:,} reviews", subtitle=subtitle, data=data,
                  scripts=["panel.js", vis_script, "visview.js", "overview.js"],
                  pseudonymised=pseudonymised, legend=_legend(), linked=data["linked"],
                  total=total, unstructured=len(found.unstructured),
                  vis_version=vis_version)


def read_overview(store: "Store", review_ids: Iterable[str] | None = None
                  ) -> tuple[Tally, list[LinkedFamily], int]:
    """The counts of a store (or of these reviews), its linked families, and how many
    reviews were read live for want of stored rows."""
    rows, live = overview_rows(store, review_ids)
    found = tally(rows)
    positions = {rid: n for n, (rid, _) in enumerate(found.reviews)}
    return found, linked_families(store, positions), live


def store_command(location: str | None) -> str:
    """How the page writes a command: `kinmap`, with `--store PATH` for a store folder
    given by name (a server's URL may carry credentials, so it is left to the reader)."""
    from ...graph.store import URL_SCHEME
    if not location or URL_SCHEME.match(location):
        return "kinmap"
    return f"kinmap --store {shlex.quote(location)}"


def _legend() -> list[tuple[Any, str]]:
    """The overview's key: what each shape and line means."""
    import xml.etree.ElementTree as ET

    from .page import trusted_svg
    from .svg import LegendItem, legend_swatch_svg, sub

    def shape(kind: str, stroke: str, fill: str = "#ffffff"):
        def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
            cx, cy = x + 18, y + 9
            if kind == "square":
                sub(parent, "rect", {"x": cx - 7, "y": cy - 7, "width": 14, "height": 14,
                                     "fill": fill, "stroke": stroke, "stroke-width": 2.5})
            elif kind == "diamond":
                sub(parent, "polygon", {"points": f"{cx},{cy - 8} {cx + 8},{cy} {cx},{cy + 8} "
                                                  f"{cx - 8},{cy}", "fill": fill,
                                        "stroke": stroke, "stroke-width": 2.5})
            else:
                sub(parent, "circle", {"cx": cx, "cy": cy, "r": 7, "fill": fill,
                                       "stroke": stroke, "stroke-width": 2.5})
        return draw

    def line(colour: str, width: float, dashed: bool = False):
        def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
            sub(parent, "path", {"d": f"M{x + 1},{y + 9} H{x + 35}", "stroke": colour,
                                 "stroke-width": width, "fill": "none",
                                 "stroke-dasharray": "6 4" if dashed else None})
        return draw

    items = [LegendItem(shape("circle", STRUCTURE_COLOUR, "#e3fafc"),
                        "kind of family (size: how many reviews show it)"),
             LegendItem(shape("square", AGENCY_COLOURS["social_care"]),
                        "agency kind (size: reviews it is in; colour by kind)"),
             LegendItem(shape("diamond", ABSENT, "#fff4e6"), "strategy meetings held"),
             LegendItem(line(TOGETHER, 3), "found together more often than over all "
                                           "reviews (width: reviews with both)"),
             LegendItem(line(ABSENT, 3), "absent from strategy meetings (number: absences)"),
             LegendItem(line(SHARING, 3, dashed=True), "information sharing missed or partial "
                                                       "(arrow: from, to; number: links)"),
             LegendItem(line(SAME, 3.5), "linked across reviews: the same person")]
    return [(trusted_svg(legend_swatch_svg(item, f"ov{i}")), item.text)
            for i, item in enumerate(items)]


__all__ = ["AGENCY_WORDS", "FULL_UP_TO", "LARGE", "NOT_NAMED", "LinkedFamily",
           "linked_families", "overview_data", "overview_page", "read_overview",
           "store_command"]
