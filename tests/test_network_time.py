"""GEXF with time: valid against the GEXF 1.3 schema, dated so Gephi's timeline plays it.

The schema is the GEXF working group's, vendored in `tests/data/gexf-1.3/` (see
SOURCE.md there); lxml validates against it.
"""
from __future__ import annotations

import io

import networkx as nx
import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES
from lxml import etree

from kinmap.exports import write
from kinmap.exports.network import first_day, last_day
from kinmap.loaders import read

SCHEMA = etree.XMLSchema(etree.parse(str(DATA / "gexf-1.3" / "gexf.xsd")))
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
FILES = GOLD_FILES + EXAMPLE_FILES + [DATA / "valid" / "hostile.yaml",
                                      DATA / "gedcom" / "hostile-family.yaml"]
NS = {"g": "http://gexf.net/1.3"}


def _gexf(path) -> bytes:
    out = io.BytesIO()
    write(read(path), "gexf", out)
    return out.getvalue()


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_gexf_is_valid_against_the_gexf_1_3_schema(source):
    document = etree.fromstring(_gexf(source))
    assert SCHEMA.validate(document), SCHEMA.error_log.filter_from_errors()[:3]


def test_the_schema_refuses_what_gephi_would_not_read():
    """The check can fail: an edge `type` outside directed/undirected/mutual is refused."""
    document = etree.fromstring(_gexf(RIVERSIDE))
    document.find(".//g:edge", NS).set("type", "parent")
    assert not SCHEMA.validate(document)


def test_graph_is_dynamic_with_dates():
    graph = etree.fromstring(_gexf(RIVERSIDE)).find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"


def _intervals(kind: str) -> dict:
    document = etree.fromstring(_gexf(RIVERSIDE))
    if kind == "node":
        return {n.get("id"): (n.get("start"), n.get("end"))
                for n in document.iterfind(".//g:node", NS)}
    return {(e.get("source"), e.get("target"), e.get("label")): (e.get("start"), e.get("end"))
            for e in document.iterfind(".//g:edge", NS)}


def test_people_households_and_meetings_are_dated():
    nodes = _intervals("node")
    r = "riverside-child-m/"
    assert nodes[r + "child-m"] == ("2018-10-01", None)              # born 2018-10
    assert nodes[r + "baby-half-brother"] == ("2021-08-19", None)
    assert nodes[r + "mother"] == (None, None)                       # no dates: always there
    assert nodes[r + "mother-home"] == ("2021-02-01", "2022-03-02")  # since/until
    assert nodes[r + "k-father-home"] == ("2017-01-01", None)
    assert nodes[r + "strategy-1"] == ("2021-12-06", "2021-12-06")   # on its date
    assert nodes[r + "gp"] == (None, None)                           # agencies are undated


def test_ties_are_dated_by_themselves_their_household_or_their_meeting():
    edges = _intervals("edge")
    r = "riverside-child-m/"
    # a relationship's own since/until
    assert edges[(r + "mother", r + "father", "partner")] == ("2017-01-01", "2019-05-31")
    # an involvement's own since
    assert edges[(r + "health-visiting", r + "child-m", "involved_with")][0] == "2018-10-01"
    # a member of a household is there while the household is
    assert edges[(r + "child-m", r + "mother-home", "member_of")] == \
        ("2021-02-01", "2022-03-02")
    # an agency absent from a meeting is absent on the meeting's date
    assert edges[(r + "strategy-1", r + "gp", "absent")] == ("2021-12-06", "2021-12-06")


def test_networkx_reads_the_dated_gexf_back():
    graph = nx.read_gexf(io.BytesIO(_gexf(RIVERSIDE)), version="1.3")
    assert graph.nodes["riverside-child-m/child-m"]["start"] == "2018-10-01"
    labels = {attrs["label"] for *_, attrs in graph.edges(data=True)}
    assert {"parent", "partner", "member_of", "absent", "involved_with"} <= labels


def test_partial_dates_cover_their_whole_period():
    assert [first_day(d) for d in ("2021", "2021-06", "2021-06-14", "soon", None)] == \
        ["2021-01-01", "2021-06-01", "2021-06-14", None, None]
    assert [last_day(d) for d in ("2021", "2020-02", "2021-02", "2021-06-14")] == \
        ["2021-12-31", "2020-02-29", "2021-02-28", "2021-06-14"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_characters_xml_cannot_hold_are_replaced_not_written(fmt):
    """A label with a bell character (U+0007) would make the file unreadable XML."""
    out = io.BytesIO()
    write(read(DATA / "gedcom" / "hostile-family.yaml"), fmt, out)
    graph = nx.read_graphml(io.BytesIO(out.getvalue())) if fmt == "graphml" else \
        nx.read_gexf(io.BytesIO(out.getvalue()), version="1.3")
    assert graph.nodes["gedcom-hostile/father"]["label"] == "Mr H\ttabbed\ufffdbell"
