"""Store-wide counts for the overview: kinds of family and agencies across reviews.

Each review's row of the `overview` query (`queries/rows.py`: its kinds of
family structure, agencies by kind, absences from strategy meetings, missed
and partial information sharing) is stored beside it when it is loaded, so the
counts of a whole store come from one stored value per review, never from
drawing every review. `tally` folds the rows into sets of reviews per kind and
per pair; the named query's answer (`kinmap query overview`) and the network
overview (`exports/views/overview.py`) both read these sets, so their numbers
are the same.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..vocab import AGENCY_KIND
from .queries.rows import STRUCTURES, Rows

if TYPE_CHECKING:
    from .store import Store

#: Each kind of family structure: a short name for a label, and what it means.
STRUCTURE_WORDS = {
    "lone_parent": ("Lone parent", "a subject child lives with one parent and no partner "
                    "of that parent"),
    "both_parents": ("Both parents at home", "a subject child lives with two of their "
                     "parents"),
    "new_partner": ("Parent's new partner", "a parent's partner who is not the child's "
                    "parent, or a step-parent"),
    "several_partners": ("Half-siblings", "a parent has children with several partners, "
                         "or the review names half-siblings"),
    "several_homes": ("Several homes", "a subject child lived in two or more households "
                      "or placements (a hospital stay is not one)"),
    "kinship_care": ("Kinship care", "a kinship placement or a special guardian"),
    "foster_care": ("Foster care", "a foster placement or foster carer"),
    "residential": ("Residential or secure", "a residential home or school, secure or "
                    "supported accommodation"),
}
assert tuple(STRUCTURE_WORDS) == STRUCTURES

#: Agency kinds in words, as the network's key names them.
AGENCY_WORDS = {
    "social_care": "Children's social care", "early_help": "Early help", "police": "Police",
    "health": "Health", "mental_health": "Mental health", "education": "Education",
    "youth_justice": "Youth justice", "probation": "Probation", "housing": "Housing",
    "voluntary": "Voluntary sector", "legal": "Legal and courts",
    "partnership": "Safeguarding partnership", "ambulance": "Ambulance", "other": "Other agency",
}
assert set(AGENCY_WORDS) == set(AGENCY_KIND)
#: Services whose names are not their values in words.
SERVICE_WORDS = {"gp_practice": "GP practice", "childrens_social_care": "Children's social care",
                 "camhs": "CAMHS", "mash": "MASH", "cafcass": "Cafcass",
                 "out_of_hours_social_care": "Out-of-hours social care"}
#: An end of a sharing link the review does not name.
NOT_NAMED = "not named"


def words(kind: str | None) -> str:
    """A kind of family, an agency kind or a service in words."""
    if kind in STRUCTURE_WORDS:
        return STRUCTURE_WORDS[kind][0]
    if kind in AGENCY_WORDS:
        return AGENCY_WORDS[kind]
    if kind in SERVICE_WORDS:
        return SERVICE_WORDS[kind]
    return NOT_NAMED if kind is None else kind.replace("_", " ").capitalize()


@dataclass
class Tally:
    """Which reviews show each kind, by position in `reviews` (0-based)."""

    #: (review id, title) in store order.
    reviews: list[tuple[str, str | None]] = field(default_factory=list)
    structures: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    #: Reviews with none of the kinds of family structure.
    unstructured: set[int] = field(default_factory=set)
    agencies: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    #: How many agencies of each kind, over all reviews.
    agency_count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    services: dict[str, dict[str, set[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    strategy_meetings: dict[int, int] = field(default_factory=dict)
    #: Absences from strategy meetings by agency kind: the reviews, and how many absences.
    absent: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    absences: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: Missed or partial sharing by (from kind, to kind): the reviews, and links by status.
    sharing: dict[tuple, set[int]] = field(default_factory=lambda: defaultdict(set))
    links: dict[tuple, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: {"missed": 0, "partial": 0}))

    def both(self, structure: str, agency: str) -> set[int]:
        """Reviews that show a kind of family and involve an agency kind."""
        return self.structures.get(structure, set()) & self.agencies.get(agency, set())


def tally(rows: Iterable[dict]) -> Tally:
    """The overview rows of many reviews (one each, in store order) folded into sets."""
    out = Tally()
    for n, row in enumerate(rows):
        out.reviews.append((row["review"], row["title"]))
        kinds = [kind for kind, _ in row["structures"] if kind in STRUCTURE_WORDS]
        for kind in kinds:
            out.structures[kind].add(n)
        if not kinds:
            out.unstructured.add(n)
        for kind, count, services in row["agencies"]:
            out.agencies[kind].add(n)
            out.agency_count[kind] += count
            for service in services:
                out.services[kind][service].add(n)
        if row["strategyMeetings"]:
            out.strategy_meetings[n] = row["strategyMeetings"]
        for kind, count in row["absences"]:
            out.absent[kind].add(n)
            out.absences[kind] += count
        for source, target, status, count in row["sharing"]:
            pair = (source, target)
            out.sharing[pair].add(n)
            out.links[pair][status] += count
    return out


def overview_rows(store: "Store", review_ids: Iterable[str] | None = None) -> tuple[Rows, int]:
    """The overview row of every review (or of these), in store order, from the rows stored
    beside each review; and how many reviews had none stored and were read live."""
    from .queries import QUERIES
    from .queries.stored import rows_over_store, stored_rows

    query = QUERIES["overview"]
    if review_ids is None:
        rows, live = rows_over_store(store, query)
        return rows, len(live)
    wanted = list(dict.fromkeys(review_ids))
    stored = stored_rows(store, query.name)
    rows, live = [], 0
    for review in wanted:
        if review in stored:
            rows += stored[review]
        else:
            live += 1
            rows += query.collect(store, review)
    return rows, live
