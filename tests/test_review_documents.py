"""Review documents through kinmap: extract drafts, load documents, provenance kept."""
from __future__ import annotations

from click.testing import CliRunner

from kinmap.cli import cli
from kinmap.graph.mapping import casemap_to_quads, casemaps_from_triples
from kinmap.graph.store import open_store
from kinmap.loaders import read, readable_files
from kinmap.loaders.casemap import read_casemap

from conftest import DATA, EXAMPLES, SEEDS

FICTIONAL = DATA / "documents" / "fictional-review.txt"


def test_extract_writes_a_valid_draft_named_after_the_document(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(FICTIONAL), "-o", str(tmp_path),
                                      "--explain"])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "fictional-review.yaml"
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# Drafted by kinmap-rules")
    [casemap] = read_casemap(draft)
    assert casemap.subjects[0].label == "Juniper"
    assert "kin-phrase" in result.stdout  # --explain names the rule behind each element
    source = FICTIONAL.read_text(encoding="utf-8")
    quotes = [e.quote for _, _, e in casemap.elements() if e.quote]
    assert quotes and all(q in source for q in quotes)


def test_a_broken_document_is_reported_and_the_others_still_go(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really a pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(junk), str(FICTIONAL), "-o", str(out)])
    assert result.exit_code == 1
    assert "junk.pdf" in result.stderr and "Traceback" not in result.output
    assert (out / "fictional-review.yaml").is_file()
    assert "1 document(s) failed" in result.stderr


def test_load_a_document_records_the_extractor_as_provenance(tmp_path):
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["--store", store, "load", str(SEEDS / "000_c097588e0f2675f5.txt")])
    assert result.exit_code == 0, result.output
    with open_store(store) as opened:
        rows = opened.select("SELECT ?label WHERE { GRAPH ?g { ?g prov:wasGeneratedBy ?a . "
                             "?a a prov:Activity ; rdfs:label ?label } }".replace(
                                 "SELECT", "PREFIX prov: <http://www.w3.org/ns/prov#> "
                                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT"))
        assert [r[0].value for r in rows.rows] == ["kinmap-rules 0.1.0"]
        [casemap] = list(opened.casemaps())
        assert casemap.extractor == "kinmap-rules 0.1.0"


def test_extractor_survives_the_rdf_round_trip():
    [casemap] = read(FICTIONAL)
    assert casemap.extractor and casemap.extractor.startswith("kinmap-rules ")
    assert casemaps_from_triples(casemap_to_quads(casemap)) == [casemap]


def test_folders_skip_their_readme():
    names = [p.name for p in readable_files([EXAMPLES])]
    assert names and not any(n.upper().startswith("README") for n in names)


def test_the_same_review_as_txt_pdf_and_docx_gives_the_same_case_map(tmp_path):
    """The issue's equivalence: whatever the document's form, the same draft."""
    from dataclasses import replace

    from documents_fixtures import write_docx, write_pdf

    from kinmap.loaders.reviews import read_review

    text = FICTIONAL.read_text(encoding="utf-8")
    txt = tmp_path / "review.txt"
    txt.write_text(text, encoding="utf-8")
    write_pdf(text, tmp_path / "review.pdf")
    write_docx(text, tmp_path / "review.docx")

    def drafted(path):
        [casemap] = read_review(path)
        casemap.review = replace(casemap.review, source_file=None)
        return casemap

    from_txt = drafted(txt)
    assert from_txt.people and from_txt.agencies and from_txt.meetings
    assert drafted(tmp_path / "review.pdf") == from_txt
    assert drafted(tmp_path / "review.docx") == from_txt
