"""Keep the review process apart from the case: the bodies that review are not agencies in it.

A review names the safeguarding partnership or board that commissioned it, its
panels and its community safety partnership; none of them worked with the
family. An agency of kind `partnership` is dropped with every reference to it,
a recommendation addressed to it included (its `to:` is then empty, as in the
gold case maps: the partnership is the review body, not a party to the case).
"""
from __future__ import annotations

from .builder import Builder

PROCESS_KINDS = frozenset({"partnership"})


def prune_review_process(builder: Builder) -> None:
    """Drop the review-process bodies from the case map."""
    casemap = builder.casemap
    gone = {a.id for a in casemap.agencies if a.kind in PROCESS_KINDS}
    if not gone:
        return
    for agency in [a for a in casemap.agencies if a.id in gone]:
        builder.drop("agencies", agency)
    for agency in casemap.agencies:
        if agency.part_of in gone:
            agency.part_of = None
    for recommendation in casemap.recommendations:
        recommendation.to = [a for a in recommendation.to or [] if a not in gone]
    for involvement in [i for i in casemap.involvements if i.agency in gone]:
        builder.drop("involvements", involvement)
    for meeting in casemap.meetings:
        for attr in ("invited", "attended", "absent"):
            setattr(meeting, attr, [a for a in getattr(meeting, attr) or [] if a not in gone])
    for element in (*casemap.decisions, *casemap.events):
        element.by = [a for a in element.by or [] if a not in gone]
    for sharing in casemap.information_sharing:
        if sharing.from_ in gone:
            sharing.from_ = None
        if sharing.to in gone:
            sharing.to = None
