"""GEDCOM export read by real readers: the strict `gedcom7` library, and Gramps' own import.

`gedcom7` (PyPI, the test extras) parses GEDCOM 7.0 as the specification's grammar
and tables say, and refuses what does not conform. Gramps (Debian's `gramps`,
installed by `.ci/run`) imports the file from its command line and exports its
own XML, from which the tests read back people, families and pedigrees. Gramps
tests are skipped with a reason when Gramps is missing, except in CI.
"""
from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import gedcom7
import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.exports import pseudonymised, write
from kinmap.exports.gedcom import dumps_gedcom, gedcom_date, person_name
from kinmap.loaders import read

HOSTILE = DATA / "gedcom" / "hostile-family.yaml"
GODMOTHER = DATA / "valid" / "godmother-everywhere.yaml"
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
NAMES = {  # the hostile fixture's people as a reader shows them
    "child-g": "Child G 0 @I99@ INDI 1 NAME Injected \u2215Person\u2215",
    "mother": "@Ms G \u2215Smith\u2215", "father": "Mr H tabbedbell", "stepfather": "Mr J",
    "brother": "Child G's brother", "foster-mother": "foster carer Mrs K",
    "foster-father": "foster carer Mr K", "lone-child": "a child with one known parent",
    "guardian": "special guardian Ms L"}
#: The hostile fixture's families, written out by hand from its relationships:
#: (spouses, children with their pedigree as GEDCOM 7 gives it).
FAMILIES = {
    (frozenset({"mother", "father"}), frozenset({("child-g", "BIRTH"), ("brother", "BIRTH")})),
    (frozenset({"mother", "stepfather"}), frozenset({("child-g", "OTHER step-parent")})),
    (frozenset({"foster-mother", "foster-father"}), frozenset({("child-g", "FOSTER")})),
    (frozenset({"stepfather"}), frozenset({("lone-child", "BIRTH")})),
    (frozenset({"guardian"}), frozenset({("brother", "OTHER special guardian")})),
}
QUOTE = "Child G said:\n\"@home it was loud\"\nthen\nnothing more"


def _records(casemaps, version="7.0"):
    return gedcom7.loads(dumps_gedcom(casemaps, version))


def _child(structure, tag):
    return next((c for c in structure.children if c.tag == tag), None)


def _families_7(records) -> set:
    """(spouse names, children with pedigree) of each FAM, read through gedcom7."""
    names = {r.xref: _child(r, "NAME").value.fullname for r in records if r.tag == "INDI"}
    pedigree = {}
    for indi in (r for r in records if r.tag == "INDI"):
        for famc in (c for c in indi.children if c.tag == "FAMC"):
            pedi = _child(famc, "PEDI")
            phrase = _child(pedi, "PHRASE") if pedi else None
            pedigree[(indi.xref, famc.pointer)] = " ".join(
                filter(None, [pedi.text if pedi else None, phrase.text if phrase else None]))
    found = set()
    for fam in (r for r in records if r.tag == "FAM"):
        spouses = frozenset(names[c.pointer] for c in fam.children if c.tag in ("HUSB", "WIFE"))
        children = frozenset((names[c.pointer], pedigree[(c.pointer, fam.xref)])
                             for c in fam.children if c.tag == "CHIL")
        found.add((spouses, children))
    return found


def _named(families) -> set:
    return {(frozenset(NAMES[s] for s in spouses),
             frozenset((NAMES[c], p) for c, p in children)) for spouses, children in families}


@pytest.mark.parametrize("source", GOLD_FILES + EXAMPLE_FILES + [HOSTILE],
                         ids=lambda p: p.name)
def test_gedcom7_reads_every_case_map_strictly(source):
    casemaps = read(source)
    records = _records(casemaps)
    assert gedcom7.validate(records) == []
    tags = [r.tag for r in records]
    assert tags[0] == "HEAD" and tags[-1] == "TRLR"
    assert dumps_gedcom(casemaps).startswith("\ufeff0 HEAD\n")  # UTF-8, said by its mark
    assert tags.count("INDI") == sum(len(cm.people) for cm in casemaps)
    assert tags.count("SOUR") == len(casemaps)


def test_families_come_back_with_their_people_couples_children_and_pedigrees():
    assert _families_7(_records(read(HOSTILE))) == _named(FAMILIES)


def test_every_couple_and_set_of_birth_parents_is_a_family():
    casemap = read(RIVERSIDE)[0]
    families = _families_7(_records([casemap]))
    label = {p.id: p.label for p in casemap.people}
    spouses = {s for s, _ in families}
    for rel in casemap.relationships:
        if rel.type == "partner":
            assert frozenset({label[rel.from_], label[rel.to]}) in spouses
    for child in casemap.people:
        parents = frozenset(label[r.from_] for r in casemap.relationships
                            if r.type == "parent" and r.to == child.id)
        if parents:
            assert any(s == parents and (label[child.id], "BIRTH") in c for s, c in families)


def test_untrusted_text_cannot_break_a_line_or_start_a_pointer():
    text = dumps_gedcom(read(HOSTILE))
    records = gedcom7.loads(text)
    assert [r.xref for r in records if r.tag == "INDI"] == [f"@I{n}@" for n in range(1, 13)]
    assert "@I99@" not in {r.xref for r in records}
    assert all(line.split(" ", 1)[0].isdigit() for line in text.lstrip("\ufeff").splitlines())
    child = records[1]
    assert _child(child, "NAME").value.fullname == NAMES["child-g"]
    assert _child(child, "NAME").value.surname is None
    citation = _child(child, "SOUR")
    assert _child(_child(citation, "DATA"), "TEXT").text == QUOTE
    assert _child(citation, "PAGE").text == "people: child-g"
    source = next(r for r in records if r.tag == "SOUR")
    assert _child(source, "TITL").text == "Review of Child G\n0 @S9@ SOUR"
    assert _child(source, "AUTH").text == "@Fernby Partnership"


def test_ties_with_no_family_are_associations_citing_their_quote():
    records = _records(read(HOSTILE))
    stepfather = records[4]
    asso = _child(stepfather, "ASSO")
    assert asso.pointer == "@I1@"
    assert _child(_child(asso, "ROLE"), "PHRASE").text == "harmed: physical abuse"
    phrases = sorted(_child(_child(a, "ROLE"), "PHRASE").text for r in records
                     for a in r.children if a.tag == "ASSO")
    # Child G and her brother share parents, so their sibling tie is in the family already.
    assert phrases == ["grandparent", "harmed: physical abuse", "sibling"]


def test_dates_sex_and_death():
    records = _records(read(HOSTILE))
    child, _, father = records[1:4]
    assert _child(_child(child, "BIRT"), "DATE").text == "9 MAR 2016"
    assert _child(child, "SEX").text == "F"
    assert _child(_child(father, "DEAT"), "DATE").text == "NOV 2020"
    grandmother = records[8]
    assert _child(grandmother, "DEAT").text == "Y"
    assert [gedcom_date(d) for d in ("2021", "2021-06", "2021-06-04", "21", None)] == \
        ["2021", "JUN 2021", "4 JUN 2021", None, None]
    assert person_name("a/b\n c") == "a\u2215b c"


def test_pseudonymised_gedcom_keeps_the_family_and_drops_every_name():
    casemaps = read(GODMOTHER)
    out = io.BytesIO()
    write(pseudonymised(casemaps), "gedcom", out)
    text = out.getvalue().decode("utf-8")
    for word in ("Ottoline", "Quarrendon", "Child Q"):
        assert word not in text
    records = gedcom7.loads(text)
    assert gedcom7.validate(records) == []
    names = [_child(r, "NAME").text for r in records if r.tag == "INDI"]
    assert "Child" in names and "Mother" in names
    assert not any(_child(c, "DATA") for r in records for c in r.children if c.tag == "SOUR")


def test_gedcom551_lines_stay_within_255_characters_and_double_every_at_sign():
    text = dumps_gedcom(read(HOSTILE), "5.5.1")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 255
    assert any(line.split()[1] == "CONC" for line in lines)
    assert "1 NAME Child G 0 @@I99@@ INDI" in text
    assert lines[:3] == ["0 HEAD", "1 GEDC", "2 VERS 5.5.1"]


# ---------------------------------------------------------------- Gramps

def _gramps_unavailable() -> str | None:
    return None if shutil.which("gramps") else "Gramps is missing (apt-get install gramps)"


@pytest.fixture(scope="module")
def gramps():
    reason = _gramps_unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Gramps tests cannot run in CI: {reason}")
        pytest.skip(reason)

    def import_and_export(ged: Path, folder: Path) -> ET.Element:
        home, out = folder / "home", folder / "out.gramps"
        home.mkdir()
        env = {**os.environ, "HOME": str(home), "LANG": "C.UTF-8"}
        env.pop("DISPLAY", None)
        subprocess.run(["gramps", "-y", "-C", "kinmap-test", "-i", str(ged), "-e", str(out)],
                       check=True, env=env, capture_output=True, timeout=600)
        return ET.fromstring(gzip.decompress(out.read_bytes()))
    return import_and_export


def _gramps_families(root: ET.Element) -> set:
    ns = {"g": root.tag[1:].split("}")[0]}
    names = {p.get("handle"): p.findtext("g:name/g:first", namespaces=ns)
             for p in root.iterfind("g:people/g:person", ns)}
    found = set()
    for fam in root.iterfind("g:families/g:family", ns):
        spouses = frozenset(names[e.get("hlink")] for e in fam
                            if e.tag.endswith(("}father", "}mother")))
        children = frozenset((names[c.get("hlink")], c.get("frel") or c.get("mrel") or "Birth")
                             for c in fam.iterfind("g:childref", ns))
        found.add((spouses, children))
    return found


#: What Gramps makes of each pedigree: GEDCOM 7's OTHER is "Unknown" to it; 5.5.1 has
#: no pedigree for step-parents (kinmap adds Gramps' own _FREL/_MREL, so "Stepchild")
#: nor for guardians (kinmap writes a note, and Gramps assumes "Birth").
GRAMPS_PEDIGREE = {"7.0": {"BIRTH": "Birth", "FOSTER": "Foster", "OTHER step-parent": "Unknown",
                           "OTHER special guardian": "Unknown"},
                   "5.5.1": {"BIRTH": "Birth", "FOSTER": "Foster",
                             "OTHER step-parent": "Stepchild",
                             "OTHER special guardian": "Birth"}}


@pytest.mark.parametrize("fmt,version", [("gedcom", "7.0"), ("gedcom551", "5.5.1")])
def test_gramps_imports_the_same_people_couples_and_children(gramps, tmp_path, fmt, version):
    casemaps = read(HOSTILE)
    ged = tmp_path / "family.ged"
    with ged.open("wb") as handle:
        write(casemaps, fmt, handle)
    root = gramps(ged, tmp_path)
    ns = {"g": root.tag[1:].split("}")[0]}
    people = sorted(p.findtext("g:name/g:first", namespaces=ns)
                    for p in root.iterfind("g:people/g:person", ns))
    assert people == sorted(person_name(p.label) for p in casemaps[0].people)
    expected = {(spouses, frozenset((c, GRAMPS_PEDIGREE[version][p]) for c, p in children))
                for spouses, children in FAMILIES}
    assert _gramps_families(root) == _named(expected)
    notes = [n.findtext("g:text", namespaces=ns) for n in root.iterfind("g:notes/g:note", ns)]
    assert QUOTE in notes
    title = root.find("g:sources/g:source/g:stitle", ns).text
    assert title.startswith("Review of Child G") and "@S9@ SOUR" in title
    assert len(root.findall("g:sources/g:source", ns)) == 1


def test_cli_exports_a_pseudonymised_gedcom_from_the_store(tmp_path):
    from click.testing import CliRunner

    from kinmap.cli import cli
    store, out = str(tmp_path / "store"), tmp_path / "family.ged"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "load", str(HOSTILE)]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "export", "--format", "gedcom",
                                 "--pseudonymise", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "Ms G" not in text and "Child G" not in text and "loud" not in text
    records = gedcom7.loads(text)
    assert [_child(r, "NAME").text for r in records if r.tag == "INDI"][:3] == \
        ["Child", "Mother", "Father"]
    refused = runner.invoke(cli, ["--store", store, "export", "--format", "gedcom",
                                  "--show-text", "people.culture"])
    assert refused.exit_code == 2 and "--pseudonymise" in refused.output
