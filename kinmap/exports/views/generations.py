"""Which generation (row) each person of a genogram is drawn in.

Parent ties (and grandparent and care ties) order people top to bottom; partners
and siblings share a row. The rows are the longest path through those ties,
then people with no one above them move down to just above their children.
Conflicting ties (a partner tie across generations, a cycle of care ties) are
dropped from the ordering one at a time, so any case map gets rows. People tied
to no one get the row their role suggests (a mother one above the child).
"""
from __future__ import annotations

from collections import defaultdict, deque

from .kinship import Kinship, age_in_years

#: Rows above (-) or below (+) the subject child that a role suggests.
ROLE_OFFSET = {"subject": 0, "mother": -1, "father": -1, "stepmother": -1, "stepfather": -1,
               "parent": -1, "sister": 0, "brother": 0, "sibling": 0, "half_sister": 0,
               "half_brother": 0, "step_sibling": 0, "grandmother": -2, "grandfather": -2,
               "aunt": -1, "uncle": -1, "cousin": 0, "partner_of_parent": -1,
               "foster_carer": -1, "special_guardian": -1, "child_of_subject": 1,
               "partner": 0, "peer": 0}


class _Groups:
    """Union-find of people drawn in one row."""

    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _reaches(edges: dict[str, dict[str, int]], start: str, goal: str) -> bool:
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, {}):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _group_edges(groups: _Groups, descent: list[tuple[str, str, int]]
                 ) -> dict[str, dict[str, int]]:
    edges: dict[str, dict[str, int]] = defaultdict(dict)
    for older, younger, gap in descent:
        a, b = groups.find(older), groups.find(younger)
        edges[a][b] = max(gap, edges[a].get(b, 0))
    return edges


def _acyclic_descent(ids: list[str], descent: list[tuple[str, str, int]]
                     ) -> list[tuple[str, str, int]]:
    """The descent ties without those that would close a cycle (kept in order)."""
    kept: list[tuple[str, str, int]] = []
    edges: dict[str, dict[str, int]] = defaultdict(dict)
    for older, younger, gap in descent:
        if older == younger or _reaches(edges, younger, older):
            continue
        edges[older][younger] = gap
        kept.append((older, younger, gap))
    return kept


def relative_generations(kin: Kinship) -> dict[str, int]:
    """Rows from the ties alone, each connected family starting at 0."""
    ids = list(kin.people)
    descent = _acyclic_descent(ids, kin.descent)
    groups = _Groups(ids)
    edges = _group_edges(groups, descent)
    for a, b in kin.same_generation:
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or _reaches(edges, ra, rb) or _reaches(edges, rb, ra):
            continue  # a partner or sibling tie across generations: not a row constraint
        groups.union(a, b)
        edges = _group_edges(groups, descent)

    nodes = sorted({groups.find(i) for i in ids}, key=ids.index)
    preds: dict[str, dict[str, int]] = defaultdict(dict)
    for a, targets in edges.items():
        for b, gap in targets.items():
            preds[b][a] = gap
    # Longest path in topological order (Kahn, ties broken by the case map's order).
    indegree = {n: len(preds[n]) for n in nodes}
    queue = deque(n for n in nodes if indegree[n] == 0)
    order: list[str] = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in sorted(edges.get(node, {}), key=ids.index):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                queue.append(nxt)
    level = {n: 0 for n in nodes}
    for node in order:
        for nxt, gap in edges.get(node, {}).items():
            level[nxt] = max(level[nxt], level[node] + gap)
    # People with no one above them sit just above their nearest child.
    for node in reversed(order):
        if not preds[node] and edges.get(node):
            level[node] = min(level[n] - gap for n, gap in edges[node].items())
    return {i: level[groups.find(i)] for i in ids}


def _components(kin: Kinship) -> list[list[str]]:
    links: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in kin.descent:
        links[a].add(b)
        links[b].add(a)
    for a, b in kin.same_generation:
        links[a].add(b)
        links[b].add(a)
    seen: set[str] = set()
    out = []
    for pid in kin.people:
        if pid in seen:
            continue
        comp, todo = [], [pid]
        seen.add(pid)
        while todo:
            node = todo.pop()
            comp.append(node)
            for nxt in sorted(links[node] - seen):
                seen.add(nxt)
                todo.append(nxt)
        out.append(comp)
    return out


def _suggested_offset(kin: Kinship, pid: str, subject_is_child: bool) -> int | None:
    person = kin.people[pid]
    if person.role in ROLE_OFFSET:
        return ROLE_OFFSET[person.role]
    age = age_in_years(person)
    if age is not None:
        return -1 if age >= 18 and subject_is_child else 0
    if person.role in ("perpetrator", "professional") and subject_is_child:
        return -1
    return None


def generations(kin: Kinship) -> dict[str, int]:
    """The row of every person, 0 at the top, aligned across unconnected families."""
    if not kin.people:
        return {}
    relative = relative_generations(kin)
    subjects = [p for p in kin.people.values() if p.subject] or list(kin.people.values())[:1]
    anchor = subjects[0].id
    subject_age = age_in_years(subjects[0])
    subject_is_child = subject_age is None or subject_age < 18
    out: dict[str, int] = {}
    for comp in _components(kin):
        if anchor in comp:
            shift = -relative[anchor]
        else:
            votes: dict[int, int] = defaultdict(int)
            for pid in comp:
                offset = _suggested_offset(kin, pid, subject_is_child)
                if offset is not None:
                    votes[offset - relative[pid]] += 1
            # The most supported shift; with no hint, the family's bottom row
            # is drawn in the child's row.
            shift = max(votes, key=lambda s: (votes[s], -abs(s))) if votes else \
                -max(relative[p] for p in comp)
        for pid in comp:
            out[pid] = relative[pid] + shift
    top = min(out.values())
    return {pid: g - top for pid, g in out.items()}
