"""Start-up: `kinmap --help` and the reading commands import only what they need."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kinmap.choices import EXPORT_FORMATS, QUERY_NAMES

#: Modules a command that only parses its options must not import: each takes tens
#: of milliseconds, and together they were most of kinmap's start-up.
HEAVY = ("rdflib", "pyoxigraph", "networkx", "yaml", "jinja2")

#: Modules reading the store needs none of (pyoxigraph it needs).
NOT_FOR_READING = ("rdflib", "networkx", "yaml", "jinja2")


def imported_after(code: str) -> set[str]:
    """The top-level packages imported by a fresh interpreter running `code`."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in " \
        "sys.modules})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("code", ["import kinmap", "import kinmap.cli",
                                  "from kinmap.cli import main"])
def test_importing_kinmap_and_its_cli_pulls_in_nothing_heavy(code):
    assert not imported_after(code) & set(HEAVY)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["query", "--help"],
                                  ["export", "--help"], ["stats", "--help"]])
def test_help_and_version_import_nothing_heavy(args):
    code = ("import sys\nfrom kinmap.cli import cli\n"
            f"try:\n    cli.main({args!r}, prog_name='kinmap')\nexcept SystemExit:\n    pass")
    assert not imported_after(code) & set(HEAVY)


def test_reading_the_store_needs_no_rdflib_networkx_or_yaml(tmp_path):
    from kinmap.graph.store import open_store
    from kinmap.loaders import read

    from conftest import EXAMPLE_FILES
    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.load(read(EXAMPLE_FILES[0]))
    code = (f"from kinmap.cli import cli\nfor args in (['stats'], ['reviews'], "
            f"['query', 'themes'], ['query', 'chronology', '--format', 'json']):\n"
            f"    try:\n        cli.main(['--store', {location!r}, *args])\n"
            f"    except SystemExit:\n        pass")
    found = imported_after(code)
    assert "pyoxigraph" in found  # the probe did read the store
    assert not found & set(NOT_FOR_READING)


def test_the_lightweight_names_are_the_registries():
    from kinmap.exports import WRITERS
    from kinmap.graph.queries import QUERIES
    assert EXPORT_FORMATS == tuple(sorted(WRITERS))
    assert QUERY_NAMES == tuple(QUERIES)


def test_the_library_still_offers_its_entry_points():
    import kinmap
    from kinmap.graph.store import open_store
    from kinmap.model import CaseMap
    assert kinmap.open_store is open_store and kinmap.CaseMap is CaseMap
    assert {"read_casemap", "write_casemap"} <= set(dir(kinmap))
    with pytest.raises(AttributeError):
        kinmap.no_such_thing  # noqa: B018
