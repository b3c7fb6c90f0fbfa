"""ISO partial dates ('2021', '2021-06', '2021-06-14'): sorting and overlap."""
from __future__ import annotations


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
