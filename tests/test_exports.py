"""Every writer against every reader that can read it back; GraphML, GEXF and JSON-LD details."""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from conftest import EXAMPLE_FILES, GOLD_FILES

from kinmap.exports import WRITERS, get_writer, write
from kinmap.graph.network import to_networkx
from kinmap.loaders import READERS, read

FILES = GOLD_FILES + EXAMPLE_FILES
NORTHFIELD = next(p for p in EXAMPLE_FILES if p.name == "northfield-alex.yaml")
DIGEST = next(p for p in EXAMPLE_FILES if p.name == "digest-two-reviews.yaml")
NETWORK_READERS = {"graphml": nx.read_graphml,
                   "gexf": lambda path: nx.read_gexf(path, version="1.3")}
#: Formats kinmap both writes and reads back; review documents are read only.
ROUND_TRIP = sorted(name for name in READERS if name in WRITERS)


def _write_file(casemaps, fmt, path):
    with open(path, "wb") as handle:
        write(casemaps, fmt, handle)
    return path


def test_round_trip_covers_every_format_but_documents():
    assert set(READERS) - set(ROUND_TRIP) == {"review"}


@pytest.mark.parametrize("fmt", ROUND_TRIP)
@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_round_trip_through_every_readable_format(tmp_path, source, fmt):
    casemaps = read(source)
    reader = READERS[fmt]
    path = _write_file(casemaps, fmt, tmp_path / f"out{reader.suffixes[0]}")
    assert path.stat().st_size > 0
    back = read(path)
    assert [cm.review.id for cm in back] == [cm.review.id for cm in casemaps]
    assert back == casemaps


def test_every_reader_format_has_a_writer_with_its_suffix():
    for name in ROUND_TRIP:
        reader = READERS[name]
        assert get_writer(name).suffix in reader.suffixes, name


@pytest.mark.parametrize("alias", sorted(n for n, w in WRITERS.items()
                                         if n != w.name and w.name in READERS))
def test_aliases_write_what_the_format_reader_reads(tmp_path, alias):
    casemaps = read(DIGEST)
    writer = WRITERS[alias]
    path = _write_file(casemaps, alias, tmp_path / f"out{writer.suffix}")
    assert read(path) == casemaps


def test_unknown_format_is_refused_with_the_choices():
    from kinmap.errors import UnknownFormat
    with pytest.raises(UnknownFormat, match="graphml"):
        write([], "nope", io.BytesIO())


def _attribute_types(items) -> dict[str, set[type]]:
    types: dict[str, set[type]] = {}
    for attrs in items:
        for key, value in attrs.items():
            types.setdefault(key, set()).add(type(value))
    return types


@pytest.mark.parametrize("fmt", sorted(NETWORK_READERS))
@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_network_export_reads_back_with_networkx(tmp_path, source, fmt):
    casemaps = read(source)
    expected = to_networkx(casemaps)
    path = _write_file(casemaps, fmt, tmp_path / f"out.{fmt}")
    graph = NETWORK_READERS[fmt](path)
    assert graph.number_of_nodes() == expected.number_of_nodes()
    assert graph.number_of_edges() == expected.number_of_edges()
    node_types = _attribute_types(attrs for _, attrs in graph.nodes(data=True))
    edge_types = _attribute_types(attrs for *_, attrs in graph.edges(data=True))
    assert {k: t for k, t in node_types.items() if len(t) > 1} == {}
    assert {k: t for k, t in edge_types.items() if len(t) > 1} == {}


@pytest.mark.parametrize("fmt", sorted(NETWORK_READERS))
def test_network_export_keeps_a_mixed_age_as_text(tmp_path, fmt):
    """northfield-alex has ages 15, 12, ... and '15 months': all must come back as text."""
    casemaps = read(NORTHFIELD)
    ages = {p.id: p.age for cm in casemaps for p in cm.people if p.age is not None}
    assert any(isinstance(a, int) for a in ages.values()) and "15 months" in ages.values()
    graph = NETWORK_READERS[fmt](_write_file(casemaps, fmt, tmp_path / f"out.{fmt}"))
    back = {attrs.get("label"): attrs["age"] for _, attrs in graph.nodes(data=True)
            if "age" in attrs}
    assert sorted(back.values()) == sorted(str(a) for a in ages.values())
    assert all(isinstance(a, str) for a in back.values())


def test_graphml_nodes_keep_their_review_and_element():
    out = io.BytesIO()
    write(read(DIGEST), "graphml", out)
    graph = nx.read_graphml(io.BytesIO(out.getvalue()))
    assert graph.nodes["digest-child-p/child-p"]["element"] == "person"
    assert graph.nodes["digest-child-p/child-p"]["review"] == "digest-child-p"
    assert graph.graph["reviews"] == "digest-child-p; digest-siblings-t"


def _contexts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield value
            yield from _contexts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _contexts(value)


@pytest.mark.parametrize("source", [DIGEST, NORTHFIELD], ids=lambda p: p.name)
def test_jsonld_context_is_inline(source):
    out = io.BytesIO()
    write(read(source), "jsonld", out)
    document = json.loads(out.getvalue())
    assert isinstance(document, dict)
    assert isinstance(document["@context"], dict)
    assert document["@context"]["km"] == "https://w3id.org/kinmap/ontology#"
    for context in _contexts(document):
        for item in context if isinstance(context, list) else [context]:
            assert not (isinstance(item, str) and item.startswith("http")), item


def test_turtle_of_the_digest_reads_back_as_two_reviews(tmp_path):
    casemaps = read(DIGEST)
    back = read(_write_file(casemaps, "ttl", tmp_path / "digest.ttl"))
    assert [cm.review.id for cm in back] == ["digest-child-p", "digest-siblings-t"]
    assert [len(cm.people) for cm in back] == [len(cm.people) for cm in casemaps]
    assert back == casemaps


@pytest.mark.parametrize("fmt", sorted(NETWORK_READERS))
def test_network_export_keeps_each_reviews_people_apart(tmp_path, fmt):
    """Both digest reviews have a `mother`: Gephi must show two mothers, not one."""
    casemaps = read(DIGEST)
    graph = NETWORK_READERS[fmt](_write_file(casemaps, fmt, tmp_path / f"out.{fmt}"))
    people = sorted((attrs["review"], attrs["label"]) for _, attrs in graph.nodes(data=True)
                    if attrs.get("element") == "person")
    assert people == sorted((cm.review.id, p.label or p.id)
                            for cm in casemaps for p in cm.people)


@pytest.mark.parametrize("alias", sorted(n for n, w in WRITERS.items() if n != w.name))
def test_aliases_write_the_same_bytes_as_their_format(tmp_path, alias):
    writer = WRITERS[alias]
    if writer.folder:
        pytest.skip("folder formats are compared in test_neo4j")
    by_alias, by_name = io.BytesIO(), io.BytesIO()
    write(read(DIGEST), alias, by_alias)
    write(read(DIGEST), writer.name, by_name)
    assert by_alias.getvalue() == by_name.getvalue() != b""
