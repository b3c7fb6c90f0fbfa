"""Neo4j import folder read back by a reader that follows neo4j-admin's header rules.

`tests/neo4j_import.py` is that reader (it cites the Operations Manual); the
tests also check it refuses what neo4j-admin import refuses, so a pass means
something.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES
from neo4j_import import ImportError_, read_import

from kinmap.cli import cli
from kinmap.exports import write
from kinmap.graph.network import to_networkx
from kinmap.loaders import read

DIGEST = next(p for p in EXAMPLE_FILES if p.name == "digest-two-reviews.yaml")
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
HOSTILE = DATA / "valid" / "hostile.yaml"


def _export(casemaps, folder: Path):
    write(casemaps, "neo4j", folder)
    nodes = sorted(p.name for p in folder.glob("nodes-*.csv"))
    return read_import(folder, nodes, ["relationships.csv"]), nodes


@pytest.mark.parametrize("source", GOLD_FILES + EXAMPLE_FILES + [HOSTILE],
                         ids=lambda p: p.name)
def test_every_node_and_tie_comes_back(tmp_path, source):
    casemaps = read(source)
    graph, _ = _export(casemaps, tmp_path)
    expected = to_networkx(casemaps)
    assert {key for _, key in graph.nodes} == set(expected.nodes)
    assert sorted((r["start"], r["end"], r["type"]) for r in graph.relationships) == \
        sorted((u, v, a["type"].upper()) for u, v, a in expected.edges(data=True))


def test_ids_are_unique_across_reviews(tmp_path):
    """Both reviews of the digest have a `mother`: two nodes, each with its review."""
    graph, _ = _export(read(DIGEST), tmp_path)
    mothers = sorted((n["properties"]["id"], n["properties"]["review"])
                     for n in graph.nodes.values()
                     if n["properties"].get("element_id") == "mother")
    assert mothers == [("digest-child-p/mother", "digest-child-p"),
                       ("digest-siblings-t/mother", "digest-siblings-t")]


def test_labels_and_typed_properties(tmp_path):
    graph, nodes = _export(read(RIVERSIDE), tmp_path)
    assert "nodes-person.csv" in nodes and "nodes-information-sharing.csv" in nodes
    child = graph.nodes[("", "riverside-child-m/child-m")]
    assert child["labels"] == {"Element", "Person", "SubjectChild"}
    assert child["properties"]["age"] == 3                       # age:long
    assert child["properties"]["subject"] is True                # subject:boolean
    assert child["properties"]["born"] == "2018-10"              # the case map's own date
    assert child["properties"]["start"] == date(2018, 10, 1)     # start:date, as in the GEXF
    mother = graph.nodes[("", "riverside-child-m/mother")]
    assert mother["labels"] == {"Element", "Person"}
    finding = graph.nodes[("", "riverside-child-m/finding-1")]
    assert finding["properties"]["themes"] == ["professional_curiosity", "fathers",
                                               "domestic_abuse"]  # themes:string[]
    partner = next(r for r in graph.relationships if r["type"] == "PARTNER"
                   and r["start"].endswith("/mother") and r["end"].endswith("/father"))
    assert partner["properties"]["start"] == date(2017, 1, 1)
    assert partner["properties"]["end"] == date(2019, 5, 31)


def test_quotes_with_line_breaks_and_quote_marks_come_back_exactly(tmp_path):
    casemaps = read(HOSTILE)
    graph, _ = _export(casemaps, tmp_path)
    zoe = graph.nodes[("", "hostile/zoe")]["properties"]
    source = casemaps[0].people[0]
    assert zoe["quote"] == source.quote and "\n" in zoe["quote"] and '"' in zoe["quote"]
    assert graph.nodes[("", "hostile/mum")]["properties"]["label"] == casemaps[0].people[1].label


def test_the_cypher_script_loads_every_file_and_column(tmp_path):
    write(read(RIVERSIDE), "neo4j", tmp_path)
    script = (tmp_path / "import.cypher").read_text(encoding="utf-8")
    loaded = set(re.findall(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)'", script))
    assert loaded == {p.name for p in tmp_path.glob("*.csv")}
    for path in tmp_path.glob("*.csv"):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        for column in header:
            assert f"row.`{column}`" in script, (path.name, column)
    types = {r["type"] for r in read_import(
        tmp_path, sorted(p.name for p in tmp_path.glob("nodes-*.csv")),
        ["relationships.csv"]).relationships}
    for tie in types:
        assert f"WHERE row.`:TYPE` = '{tie}'" in script and f"[r:{tie}]" in script
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "neo4j-admin database import full --multiline-fields=true" in readme


def test_the_reader_refuses_what_neo4j_admin_refuses(tmp_path):
    (tmp_path / "a.csv").write_text("id:ID,:LABEL\nx,A\nx,A\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="duplicate"):
        read_import(tmp_path, ["a.csv"], [])
    (tmp_path / "b.csv").write_text("id:ID,:LABEL\nx,A\n", encoding="utf-8")
    (tmp_path / "r.csv").write_text(":START_ID,:END_ID,:TYPE\nx,y,T\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="missing node"):
        read_import(tmp_path, ["b.csv"], ["r.csv"])
    (tmp_path / "c.csv").write_text("id:ID,n:number\nx,1\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="unknown type"):
        read_import(tmp_path, ["c.csv"], [])


def test_cli_writes_the_folder_and_refuses_stdout(tmp_path):
    store, out = str(tmp_path / "store"), tmp_path / "neo4j"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "load", str(DIGEST)]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "export", "--format", "neo4j", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "relationships.csv").exists() and (out / "import.cypher").exists()
    refused = runner.invoke(cli, ["--store", store, "export", "--format", "neo4j"])
    assert refused.exit_code == 2 and "-o DIR" in refused.output
