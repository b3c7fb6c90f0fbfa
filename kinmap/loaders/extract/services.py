"""Which service an agency's label names, from the gazetteer: for drafts and for loading.

The gazetteer's entries (`gazetteer.yaml`) carry the service of the agencies
they find. The same patterns read a label a reviewer wrote ("the GP",
"General Practitioner", "Brackenford Police"): the label names a service when
the longest matches in it all name the same one, and that service belongs to
the agency's kind; or, when the label names none, the agency's kind has only
one service (police, probation, housing, ...). Anything less sure names none,
so an analyst's count never rests on a guess between two services.

`infer_services` fills `Agency.inferred_service` for agencies a case map gives
no service, on a copy: the store records it as km:inferredService, apart from
a service the case map gave, and the case map writer never writes it.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Sequence

from ...model import CaseMap
from ...vocab import SERVICE_KIND


#: Kinds with a single service (police, probation, housing, early help, ...): an agency
#: of such a kind is of that service whatever its label.
ONLY_SERVICE = {kind: services[0] for kind in set(SERVICE_KIND.values())
                if len(services := [s for s, k in SERVICE_KIND.items() if k == kind]) == 1}


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], int, str | None], ...]:
    """(pattern, entry order, service) for every gazetteer pattern, entries in order."""
    from .agencies import entries
    return tuple((pattern, entry.order, entry.service)
                 for entry in entries() for pattern in entry.patterns)


@lru_cache(maxsize=4096)
def service_of_label(label: str, kind: str) -> str | None:
    """The service a label names for an agency of this kind, when the gazetteer is sure."""
    text = re.sub(r"\s+", " ", label).strip()
    found = [(m.start(), m.end(), order, service) for pattern, order, service in _patterns()
             for m in pattern.finditer(text) if m.end() > m.start()]
    kept: list[tuple[int, int, int, str | None]] = []
    for match in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0])):
        if all(match[1] <= k[0] or match[0] >= k[1] for k in kept):
            kept.append(match)
    services = {service for *_, service in kept if service}
    if not services:  # the kind may say it: police, probation, housing have one service
        return ONLY_SERVICE.get(kind)
    if len(services) != 1:
        return None
    service = services.pop()
    return service if SERVICE_KIND.get(service) == kind else None


def service_of(label: str | None, kind: str, entry_service: str | None = None) -> str | None:
    """A drafted agency's service: what its label names, else its gazetteer entry's."""
    named = service_of_label(label, kind) if label else None
    if named:
        return named
    return entry_service if entry_service and SERVICE_KIND.get(entry_service) == kind else None


def infer_services(casemap: CaseMap) -> CaseMap:
    """A copy whose agencies without a given service carry the one their label names."""
    changed = []
    for agency in casemap.agencies:
        inferred = None if agency.service or not agency.label else \
            service_of_label(agency.label, agency.kind)
        changed.append(agency if inferred == agency.inferred_service else
                       dataclasses.replace(agency, inferred_service=inferred))
    if all(a is b for a, b in zip(changed, casemap.agencies)):
        return casemap
    return dataclasses.replace(casemap, agencies=changed)


def with_inferred_services(casemaps: Sequence[CaseMap]) -> list[CaseMap]:
    """infer_services for each case map."""
    return [infer_services(cm) for cm in casemaps]
