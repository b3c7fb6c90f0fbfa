"""The networkx projection of examples/riverside-child-m.yaml, and of a whole store."""
from __future__ import annotations

from collections import Counter

import pytest
from conftest import EXAMPLE_FILES

from kinmap.graph.network import to_networkx
from kinmap.loaders import read

RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
R = "riverside-child-m"


def key(element_id: str) -> str:
    return f"{R}/{element_id}"


@pytest.fixture(scope="module")
def casemap():
    [only] = read(RIVERSIDE)
    return only


@pytest.fixture(scope="module")
def graph(casemap):
    return to_networkx([casemap])


def edges_of_type(graph, edge_type: str) -> list[tuple[str, str, dict]]:
    return [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == edge_type]


def parents_of(graph, child: str) -> set[str]:
    return {u for u, _, a in graph.in_edges(key(child), data=True) if a["type"] == "parent"}


@pytest.mark.parametrize("element_id, element", [
    ("child-m", "person"), ("mother-home", "household"), ("gp", "agency"),
    ("strategy-1", "meeting"), ("step-up", "decision"), ("admission", "event"),
    ("da-history-not-shared", "information_sharing"), ("finding-1", "finding"),
    ("rec-1", "recommendation"),
])
def test_nodes_are_typed(graph, element_id, element):
    attrs = graph.nodes[key(element_id)]
    assert attrs["element"] == element
    assert attrs["review"] == R


def test_one_node_per_element_of_each_section(graph, casemap):
    counts = Counter(attrs["element"] for _, attrs in graph.nodes(data=True))
    assert counts == Counter({"person": 9, "agency": 9, "event": 5, "decision": 4,
                              "finding": 4, "household": 3, "meeting": 3,
                              "information_sharing": 3, "recommendation": 3})
    assert counts["person"] == len(casemap.people)


def test_nodes_keep_the_elements_fields(graph):
    child = graph.nodes[key("child-m")]
    assert (child["label"], child["subject"], child["age"], child["born"]) == \
        ("Child M", True, 3, "2018-10")
    assert child["quote"].startswith("Child M is a White British girl")
    assert graph.nodes[key("gp")]["kind"] == "health"
    assert graph.nodes[key("strategy-1")]["kind"] == "strategy_meeting"


def test_member_of_edges_go_from_each_member_to_the_household(graph, casemap):
    expected = {(key(person), key(h.id)) for h in casemap.households for person in h.members}
    got = {(u, v) for u, v, _ in edges_of_type(graph, "member_of")}
    assert got == expected
    assert (key("partner"), key("mother-home")) in got
    assert all(graph.nodes[u]["element"] == "person" and graph.nodes[v]["element"] ==
               "household" for u, v in got)


def test_parent_edges_point_from_parent_to_child(graph):
    got = {(u, v) for u, v, _ in edges_of_type(graph, "parent")}
    assert got == {(key(p), key(c)) for p, c in [
        ("mother", "child-m"), ("father", "child-m"),
        ("mother", "baby-half-brother"), ("partner", "baby-half-brother"),
        ("mother", "older-half-brother"), ("k-father", "older-half-brother"),
        ("father", "paternal-half-sister"), ("ms-d", "paternal-half-sister")]}


def test_half_siblings_share_one_parent_through_parent_edges(graph):
    child_m = parents_of(graph, "child-m")
    assert child_m == {key("mother"), key("father")}
    for half_sibling, shared in [("baby-half-brother", "mother"),
                                 ("older-half-brother", "mother"),
                                 ("paternal-half-sister", "father")]:
        theirs = parents_of(graph, half_sibling)
        assert len(theirs) == 2
        assert child_m & theirs == {key(shared)}, half_sibling
    # the mother's three children have three different fathers
    fathers = {frozenset(parents_of(graph, c) - {key("mother")})
               for c in ("child-m", "baby-half-brother", "older-half-brother")}
    assert len(fathers) == 3
    assert graph.nodes[key("mother")]["sex"] == "female"
    half = {(u, v) for u, v, _ in edges_of_type(graph, "half_sibling")}
    assert (key("child-m"), key("paternal-half-sister")) in half


def test_meeting_has_an_absent_edge_to_the_absent_agency(graph):
    absent = [(u, v) for u, v, _ in edges_of_type(graph, "absent")]
    assert absent == [(key("strategy-1"), key("gp"))]
    attended = {v for u, v, _ in edges_of_type(graph, "attended") if u == key("strategy-1")}
    assert key("gp") not in attended
    assert key("nursery") in attended
    invited = {v for u, v, _ in edges_of_type(graph, "invited") if u == key("strategy-1")}
    assert key("gp") in invited


def test_information_sharing_node_links_sender_and_receiver(graph):
    node = key("da-history-not-shared")
    assert graph.nodes[node]["status"] == "missed"
    out = {(a["type"], v) for _, v, a in graph.out_edges(node, data=True)}
    assert ("shared_from", key("riverside-police")) in out
    assert ("shared_to", key("health-visiting")) in out
    assert {v for t, v in out if t == "about"} == \
        {key("partner"), key("child-m"), key("baby-half-brother")}


def test_information_sharing_with_unknown_receiver_has_no_shared_to(graph):
    unnamed = [n for n, a in graph.nodes(data=True)
               if a["element"] == "information_sharing" and "id" not in a]
    assert len(unnamed) == 1
    types = {(a["type"], v) for _, v, a in graph.out_edges(unnamed[0], data=True)}
    assert ("shared_from", key("gp")) in types
    assert not any(t == "shared_to" for t, _ in types)


def test_relationship_edges_keep_their_quotes(graph, casemap):
    quoted = [r for r in casemap.relationships if r.quote]
    assert len(quoted) == 3
    for rel in casemap.relationships:
        found = [a for a in graph.get_edge_data(key(rel.from_), key(rel.to)).values()
                 if a["type"] == rel.type]
        assert len(found) == 1, (rel.from_, rel.to, rel.type)
        assert found[0].get("quote") == rel.quote
    [harmed] = edges_of_type(graph, "harmed")
    assert harmed[:2] == (key("partner"), key("child-m"))
    assert harmed[2]["nature"] == "physical_abuse"
    assert harmed[2]["quote"].startswith("Mr C later admitted")


def test_involvement_edges_keep_strength_and_quote(graph, casemap):
    edges = edges_of_type(graph, "involved_with")
    assert len(edges) == len(casemap.involvements)
    nursery = [a for u, v, a in edges if (u, v) == (key("nursery"), key("child-m"))]
    assert [a["strength"] for a in nursery] == ["strong"]
    assert nursery[0]["quote"].startswith("Her nursery key worker")


def test_whole_store_projection_keeps_reviews_apart(store):
    for path in EXAMPLE_FILES:
        store.load(read(path))
    casemaps = list(store.casemaps())
    graph = to_networkx(casemaps)
    assert sorted(graph.graph["reviews"]) == store.review_ids()
    assert graph.number_of_nodes() == sum(to_networkx([cm]).number_of_nodes()
                                          for cm in casemaps)
    mothers = sorted(n for n, a in graph.nodes(data=True) if a.get("role") == "mother")
    assert mothers == ["digest-child-p/mother", "digest-siblings-t/mother",
                       "eastbrook-baby-r/mother", "northfield-alex/mother",
                       "riverside-child-m/mother"]
    for node, attrs in graph.nodes(data=True):
        assert node.startswith(attrs["review"] + "/")
    for u, v, attrs in graph.edges(data=True):
        assert graph.nodes[u]["review"] == graph.nodes[v]["review"] == attrs["review"]
