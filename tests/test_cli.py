"""The kinmap command line, through click's CliRunner and as the installed console script."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner
from conftest import BROKEN_FILES, DATA, EXAMPLE_FILES, GOLD, GOLD_FILES

from kinmap.cli import cli
from kinmap.exports import WRITERS
from kinmap.graph.network import to_networkx
from kinmap.loaders import READERS, read

EXAMPLES = EXAMPLE_FILES[0].parent
RIVERSIDE = EXAMPLES / "riverside-child-m.yaml"
EXPECTED = yaml.safe_load((DATA / "broken" / "expected.yaml").read_text(encoding="utf-8"))
ALL = [cm for p in GOLD_FILES + EXAMPLE_FILES for cm in read(p)]
ALL_IDS = sorted(cm.review.id for cm in ALL)
EXAMPLE_IDS = sorted(cm.review.id for p in EXAMPLE_FILES for cm in read(p))


#: click 8.2 dropped `mix_stderr` and always keeps stderr apart; 8.1 needs asking.
SEPARATE_STDERR = {} if tuple(map(int, version("click").split(".")[:2])) >= (8, 2) \
    else {"mix_stderr": False}


def kinmap(*args: str, env: dict | None = None):
    """Run a command in-process, with stdout and stderr apart."""
    result = CliRunner(**SEPARATE_STDERR).invoke(cli, [str(a) for a in args], env=env)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def console_script() -> str:
    beside = Path(sys.executable).with_name("kinmap")
    found = str(beside) if beside.exists() else shutil.which("kinmap")
    assert found, "the kinmap console script is not installed"
    return found


def nq_dump(store: str, folder: Path) -> list[str]:
    """The store as sorted N-Quads, blank node labels blanked (they differ per export)."""
    out = folder / "dump.nq"
    result = kinmap("--store", store, "export", "--format", "nq", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.strip()
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in text.splitlines())


def exported_casemap(store: str, folder: Path, *args: str) -> str:
    out = folder / "export.yaml"
    result = kinmap("--store", store, "export", "--format", "casemap", *args, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def review_ids(store: str, env: dict | None = None) -> list[str]:
    args = ("--store", store) if store else ()
    result = kinmap(*args, "reviews", "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return [row["review"] for row in json.loads(result.stdout)]


@pytest.fixture(autouse=True)
def no_default_store(monkeypatch, tmp_path):
    """Never touch a real store: no $KINMAP_STORE, and the default under tmp_path."""
    monkeypatch.delenv("KINMAP_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    """An embedded store holding the examples and the gold, loaded through the CLI."""
    store = str(tmp_path_factory.mktemp("cli") / "store")
    result = kinmap("--store", store, "load", EXAMPLES, GOLD)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == \
        f"loaded {len(ALL)} review(s) from {len(GOLD_FILES) + len(EXAMPLE_FILES)} file(s)"
    return store


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_every_command_has_help_with_an_example(command):
    result = kinmap(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_reviews_lists_every_loaded_review(loaded):
    assert review_ids(loaded) == ALL_IDS
    table = kinmap("--store", loaded, "reviews").stdout.splitlines()
    assert table[0].split()[:3] == ["review", "type", "people"]
    assert any(line.split()[:3] == ["riverside-child-m", "lcspr", "9"] for line in table)


def test_stats_json_counts(loaded):
    result = kinmap("--store", loaded, "stats", "--format", "json")
    assert result.exit_code == 0
    counts = {row["kind"]: row["count"] for row in json.loads(result.stdout)}
    assert counts["Review"] == len(ALL)
    assert counts["Person"] == sum(len(cm.people) for cm in ALL)
    assert counts["Agency"] == sum(len(cm.agencies) for cm in ALL)
    assert counts["Meeting"] == sum(len(cm.meetings) for cm in ALL)


def _check_export(path: Path, fmt: str) -> None:
    """The exported file holds every review of the store."""
    writer = WRITERS[fmt]
    if writer.folder:
        from neo4j_import import read_import
        graph = read_import(path, sorted(p.name for p in path.glob("nodes-*.csv")),
                            ["relationships.csv"])
        assert len(graph.relationships) == to_networkx(ALL).number_of_edges()
    elif writer.name.startswith("gedcom"):
        text = path.read_text(encoding="utf-8-sig")
        assert text.count(" INDI\n") == sum(len(cm.people) for cm in ALL)
        assert text.count(" SOUR\n") == len(ALL)
        if writer.name == "gedcom":
            import gedcom7
            assert gedcom7.validate(gedcom7.loads(text)) == []
    elif writer.name in READERS:
        assert sorted(read(path), key=lambda cm: cm.review.id) == \
            sorted(ALL, key=lambda cm: cm.review.id)
    else:
        graph = nx.read_gexf(path, version="1.3") if writer.name == "gexf" \
            else nx.read_graphml(path)
        assert graph.number_of_edges() == to_networkx(ALL).number_of_edges()


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_every_format_to_a_file(loaded, tmp_path, fmt):
    out = tmp_path / f"out{WRITERS[fmt].suffix}"
    result = kinmap("--store", loaded, "export", "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    _check_export(out, fmt)


@pytest.mark.parametrize("fmt", sorted(n for n, w in WRITERS.items() if not w.folder))
def test_export_every_format_to_stdout(loaded, tmp_path, fmt):
    result = kinmap("--store", loaded, "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    piped = tmp_path / f"piped{WRITERS[fmt].suffix}"
    piped.write_bytes(result.stdout_bytes)
    _check_export(piped, fmt)
    dash = kinmap("--store", loaded, "export", "--format", fmt, "-o", "-")
    assert dash.exit_code == 0 and dash.stdout_bytes.strip()


def test_export_review_filter(loaded, tmp_path):
    text = exported_casemap(loaded, tmp_path, "--review", "riverside-child-m",
                            "--review", "northfield-alex")
    documents = list(yaml.safe_load_all(text))
    assert [d["review"]["id"] for d in documents] == ["riverside-child-m", "northfield-alex"]


def test_export_of_an_unknown_review_fails_cleanly(loaded):
    result = kinmap("--store", loaded, "export", "--format", "ttl", "--review", "nope")
    assert result.exit_code == 1
    assert "no review 'nope'" in result.stderr and result.stdout == ""


def test_remove(tmp_path):
    store = str(tmp_path / "store")
    assert kinmap("--store", store, "load", EXAMPLES).exit_code == 0
    result = kinmap("--store", store, "remove", "riverside-child-m")
    assert result.exit_code == 0 and "removed riverside-child-m" in result.stderr
    assert review_ids(store) == [i for i in EXAMPLE_IDS if i != "riverside-child-m"]
    again = kinmap("--store", store, "remove", "riverside-child-m")
    assert again.exit_code == 1
    assert "no review 'riverside-child-m'" in again.stderr
    assert len(review_ids(store)) == len(EXAMPLE_IDS) - 1


@pytest.mark.parametrize("broken", BROKEN_FILES, ids=lambda p: p.name)
def test_broken_file_is_one_error_line_and_changes_nothing(tmp_path, broken):
    expected = EXPECTED[broken.name]
    store = str(tmp_path / "store")
    assert kinmap("--store", store, "load", RIVERSIDE).exit_code == 0
    before = nq_dump(store, tmp_path), exported_casemap(store, tmp_path)
    result = kinmap("--store", store, "load", broken)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[1:] == [f"loaded 0 review(s) from 0 file(s); 1 file(s) failed: {broken}"]
    error = lines[0]
    assert error.startswith(f"kinmap: error: {broken}:{expected['line']}:")
    assert f":{expected['line']}:" in error
    if expected["path"]:  # an element-level error also names its document
        assert f"doc[{expected['doc']}]" in error
        assert expected["path"] in error
    assert expected["contains"] in error.lower()
    after = nq_dump(store, tmp_path), exported_casemap(store, tmp_path)
    assert after == before


def test_good_files_load_beside_a_broken_one(tmp_path):
    store = str(tmp_path / "store")
    broken = DATA / "broken" / "own-parent.yaml"
    result = kinmap("--store", store, "load", RIVERSIDE, broken)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == \
        f"loaded 1 review(s) from 1 file(s); 1 file(s) failed: {broken}"
    assert review_ids(store) == ["riverside-child-m"]


def test_load_of_only_broken_files_makes_no_store(tmp_path):
    store = tmp_path / "store"
    result = kinmap("--store", store, "load", *BROKEN_FILES[:3])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 4
    assert not store.exists()


def test_validate_files():
    good = kinmap("validate", EXAMPLES, GOLD)
    assert good.exit_code == 0 and good.stdout == ""
    assert f"{len(ALL)} review(s) checked, 0 problem(s)" in good.stderr
    broken = DATA / "broken" / "dangling-reference.yaml"
    bad = kinmap("validate", broken)
    assert bad.exit_code == 1
    assert str(broken) in bad.stdout and "'aunt' is not a defined id" in bad.stdout
    assert "1 problem(s)" in bad.stderr


def test_validate_without_a_path_checks_the_store(loaded, tmp_path):
    result = kinmap("--store", loaded, "validate")
    assert result.exit_code == 0
    assert f"{len(ALL)} review(s) checked, 0 problem(s)" in result.stderr
    missing = kinmap("--store", tmp_path / "none", "validate")
    assert missing.exit_code == 1 and "no store here yet" in missing.stderr


def test_validate_runs_the_stores_checks_n_at_a_time_with_the_same_verdicts(tmp_path):
    from kinmap.graph.store import open_store
    store = str(tmp_path / "store")
    with open_store(store) as opened:
        opened.load(read(EXAMPLE_FILES[0]))
        # every person without its identifier: a problem each
        opened.update("DELETE { GRAPH ?g { ?p <http://purl.org/dc/terms/identifier> ?i } } "
                      "WHERE { GRAPH ?g { ?p a <https://w3id.org/kinmap/ontology#Person> ; "
                      "<http://purl.org/dc/terms/identifier> ?i } }")
    outputs = []
    for jobs in ("1", "2", "3"):
        result = kinmap("--store", store, "validate", "--jobs", jobs)
        assert result.exit_code == 1 and "dcterms:identifier: missing" in result.stdout
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert kinmap("--store", store, "validate", "--jobs", "0").exit_code == 2


@pytest.mark.parametrize("args", [("export", "--format", "nope"), ("stats", "--format", "xml"),
                                  ("reviews", "--format", "xml"), ("load",)])
def test_bad_option_is_a_usage_error(loaded, args):
    result = kinmap("--store", loaded, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr and result.stdout == ""


def test_store_from_the_environment(loaded):
    assert review_ids("", env={"KINMAP_STORE": loaded}) == ALL_IDS


def test_commands_against_the_remote_store(sparql_server, tmp_path):
    url = sparql_server
    assert kinmap("--store", url, "load", EXAMPLES).exit_code == 0
    assert review_ids(url) == EXAMPLE_IDS
    stats = json.loads(kinmap("--store", url, "stats", "--format", "json").stdout)
    assert {r["kind"]: r["count"] for r in stats}["Review"] == len(EXAMPLE_IDS)
    out = tmp_path / "remote.trig"
    assert kinmap("--store", url, "export", "--format", "trig", "-o", out).exit_code == 0
    assert sorted(cm.review.id for cm in read(out)) == EXAMPLE_IDS
    assert kinmap("--store", url, "remove", "riverside-child-m").exit_code == 0
    assert "riverside-child-m" not in review_ids(url)
    assert kinmap("--store", url, "validate").exit_code == 0


def test_demo_writes_its_files_and_lists_every_example(tmp_path):
    folder = tmp_path / "demo"
    result = kinmap("demo", "-o", folder)
    assert result.exit_code == 0, result.stderr
    for name in ("report.md", "examples.trig", "examples.jsonld", "examples.graphml",
                 "examples.gexf", "examples.ged", "examples.yaml"):
        assert (folder / name).stat().st_size > 0, name
    report = (folder / "report.md").read_text(encoding="utf-8")
    for review_id in EXAMPLE_IDS:
        assert f"| {review_id} |" in report
    assert sorted(cm.review.id for cm in read(folder / "examples.yaml")) == EXAMPLE_IDS


def test_console_script_reports_a_broken_file_without_a_traceback(tmp_path):
    broken = DATA / "broken" / "unknown-key-typo.yaml"
    store = tmp_path / "store"
    done = subprocess.run([console_script(), "--store", str(store), "load", str(broken)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stdout == ""
    first, summary = done.stderr.splitlines()
    assert first.startswith(f"kinmap: error: {broken}:17:")
    assert "did you mean 'label'" in first
    assert summary.endswith(f"1 file(s) failed: {broken}")
    assert not store.exists()


def test_console_script_loads_and_exports_through_a_pipe(tmp_path):
    env = {**os.environ, "KINMAP_STORE": str(tmp_path / "store")}
    load = subprocess.run([console_script(), "load", str(EXAMPLES)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert load.returncode == 0, load.stderr
    export = subprocess.run([console_script(), "export", "--format", "nq"], env=env,
                            capture_output=True, timeout=120, check=False)
    assert export.returncode == 0
    (tmp_path / "piped.nq").write_bytes(export.stdout)
    assert sorted(cm.review.id for cm in read(tmp_path / "piped.nq")) == EXAMPLE_IDS
    bad = subprocess.run([console_script(), "stats", "--format", "xml"], env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
