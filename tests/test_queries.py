"""The analysts' named queries: exact answers on a fictional fixture, on both stores."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kinmap.cli import cli
from kinmap.errors import KinmapError, StoreError
from kinmap.graph.queries import QUERIES, Options, run_query
from kinmap.graph.queries.dates import date_key, may_overlap
from kinmap.graph.sparql import run_sparql
from kinmap.loaders import read

from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

FIXTURE = DATA / "queries" / "two-reviews.yaml"


@pytest.fixture
def loaded(store):
    store.load(read(FIXTURE))
    return store


def answer(store, name, **options):
    return [dict(r) for r in run_query(store, name, Options(**options)).records()]


def pick(rows, *keys):
    return [tuple(r[k] for k in keys) for r in rows]


def test_every_query_has_a_file_and_a_description():
    for query in QUERIES.values():
        assert query.path.is_file()
        assert len(query.description) > 20


def test_absent_agencies_in_one_review(loaded):
    rows = answer(loaded, "absent-agencies", review="q-child-j")
    assert pick(rows, "meeting", "agency", "status") == [
        ("strategy", "GP practice", "absent"),
        ("strategy", "Youth service", "involved, not recorded as attending")]
    assert rows[0]["quote"] == "The GP was not at the strategy meeting."


def test_absent_agencies_any_kind_respects_involvement_dates(loaded):
    rows = answer(loaded, "absent-agencies", review="q-child-j", kind="any")
    core = [r["agency"] for r in rows if r["meeting"] == "core"]
    # the school joined in 2022-09 and the health visitor left in 2019
    assert core == ["GP practice", "Police", "Youth service"]


def test_absent_agencies_ranked_over_the_store(loaded):
    rows = answer(loaded, "absent-agencies")
    assert pick(rows, "agency", "missing", "absent", "notAttending", "reviews") == [
        ("GP practice", 2, 2, 0, "q-child-j q-child-v"),
        ("Youth service", 1, 0, 1, "q-child-j")]


def test_missed_sharing(loaded):
    rows = answer(loaded, "missed-sharing", review="q-child-j")
    assert pick(rows, "status", "from", "to", "about") == [
        ("missed", "Police", "GP practice", "Child J; J's mother"),
        ("partial", "J's school", "Children's Social Care", "Child J")]
    assert rows[0]["quote"] == "The police did not tell the GP about the call-outs."
    summary = answer(loaded, "missed-sharing")
    assert pick(summary, "fromKind", "toKind", "missed", "partial", "reviews") == [
        ("education", "social_care", 0, 1, "q-child-j"),
        ("health", "social_care", 1, 0, "q-child-v"),
        ("police", "health", 1, 0, "q-child-j")]


def test_interconnected_families(loaded):
    rows = answer(loaded, "interconnected-families")
    assert pick(rows, "review", "households", "linkedBy") == [
        ("q-child-j", "mother's home; Mr P's home; Mr Q's home",
         "J's mother (parent of children in both); Mr P (parent of children in both)"),
        ("q-child-v", "foster home; grandmother's home", "Child V (lives in both)")]


def test_interconnected_families_on_the_examples(store):
    store.load(read(next(p for p in EXAMPLE_FILES if "riverside" in p.name)))
    [group] = answer(store, "interconnected-families")
    assert "Mr B's home with his wife and daughter" in group["households"]
    assert "M's father (Mr B) (parent of children in both)" in group["linkedBy"]


def test_known_to(loaded):
    rows = answer(loaded, "known-to")
    assert pick(rows, "person", "agencies", "leadAgencies", "voiceFinding") == [
        ("Child J", 6, 1, True)]
    two = answer(loaded, "known-to", min_agencies=2)
    assert pick(two, "review", "person", "agencies", "severalLeads") == [
        ("q-child-j", "Child J", 6, False), ("q-child-j", "J's mother", 2, False),
        ("q-child-v", "Child V", 2, True)]
    # J's disclosure is a record of his own voice; nothing records V's
    assert pick(two, "person", "ownVoice", "voiceFinding") == [
        ("Child J", True, True), ("J's mother", None, None), ("Child V", False, True)]


def test_decisions_and_what_happened_next(loaded):
    rows = answer(loaded, "decisions", review="q-child-j")
    assert pick(rows, "decision", "outcome", "next") == [
        ("stepup", "declined",
         "2021-05-10 strategy_meeting (strategy); 2021-05-10 s47_enquiry (s47); "
         "2021-07 core_group (core)"),
        ("assessment", "not_completed",
         "2021-07 core_group (core); 2021-08-02 serious_injury (injury); "
         "2021 missing_episode (missing)")]
    assert rows[1]["meeting"] == "strategy"


def test_themes(loaded):
    rows = answer(loaded, "themes")
    assert pick(rows, "theme", "reviews", "findings") == [
        ("voice_of_child", 2, 2), ("information_sharing", 1, 1),
        ("professional_curiosity", 1, 1)]


def test_chronology(loaded):
    rows = answer(loaded, "chronology", review="q-child-j")
    assert [r["id"] for r in rows] == ["stepup", "strategy", "s47", "core", "injury",
                                       "missing", "disclosure", "assessment"]


def test_partial_dates():
    assert sorted(["2021", "2021-06", "2020-12-31", "2021-06-14", "2021-05"], key=date_key) \
        == ["2020-12-31", "2021-05", "2021-06-14", "2021-06", "2021"]
    assert may_overlap("2021-05-10", "2021", None)
    assert not may_overlap("2021-05-10", "2022-09", None)
    assert not may_overlap("2021-05", None, "2019")
    assert may_overlap(None, "2030", None)


def test_gold_answers_a_reviewer_expects(store):
    for path in GOLD_FILES:
        store.load(read(path))
    alpha = answer(store, "missed-sharing", review="alpha")
    assert any("school" in (r["from"] or "").lower() and r["status"] == "missed"
               for r in alpha)
    ak = answer(store, "decisions", review="child-ak")
    assessment = next(r for r in ak if r["kind"] == "single_assessment")
    assert assessment["outcome"] == "not_completed" and assessment["meeting"]
    assert "death" in assessment["next"]
    absent_ak = answer(store, "absent-agencies", review="child-ak")
    assert {r["agencyKind"] for r in absent_ak} >= {"health"}


def test_unknown_review_and_kind(loaded):
    with pytest.raises(StoreError, match="no review 'nope'"):
        run_query(loaded, "themes", Options(review="nope"))
    with pytest.raises(KinmapError, match="not a meeting kind"):
        run_query(loaded, "absent-agencies", Options(kind="tea_party"))


def test_sparql_binds_parameters_and_refuses_updates(loaded):
    from pyoxigraph import NamedNode
    result = run_sparql(loaded, "SELECT ?g ?label WHERE { GRAPH ?g { ?p a km:SubjectChild ; "
                        "rdfs:label ?label } } ORDER BY ?label",
                        {"g": NamedNode("https://w3id.org/kinmap/graph/q-child-v")})
    assert [row[1].value for row in result.rows] == ["Child V"]
    with pytest.raises(KinmapError, match="updates are refused"):
        run_sparql(loaded, "DROP ALL")
    hostile = "Child V'} } ; DROP ALL ; SELECT * { {'"
    from pyoxigraph import Literal
    result = run_sparql(loaded, "SELECT ?label WHERE { GRAPH ?g { ?p rdfs:label ?label } }",
                        {"label": Literal(hostile)})
    assert result.rows == [] and len(loaded.review_ids()) == 2
    assert run_sparql(loaded, "ASK { GRAPH ?g { ?p a km:Person } }") is True


def test_same_answers_on_every_store(store_location, tmp_path):
    """Each server (and the embedded store) answers every named query as the embedded
    store does, over the whole store and over one review."""
    from kinmap.graph.store import open_store
    other = str(tmp_path / "other")
    with open_store(store_location) as a, open_store(other) as b:
        a.load(read(FIXTURE))
        b.load(read(FIXTURE))
        for name in QUERIES:
            for options in (Options(), Options(review="q-child-j"), Options(kind="any")):
                assert run_query(a, name, options) == run_query(b, name, options), name


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_query_formats(tmp_path, fmt):
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "load", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "query", "missed-sharing", "--review",
                                 "q-child-j", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert [r["from"] for r in json.loads(result.stdout)] == ["Police", "J's school"]
    elif fmt == "csv":
        assert result.stdout.splitlines()[0] == "review,status,from,to,about,what,date,quote"
    else:
        assert "J's school" in result.stdout
    listed = runner.invoke(cli, ["--store", store, "query", "--list"])
    assert all(name in listed.stdout for name in QUERIES)


def test_interconnected_families_across_reviews_through_the_same_person(loaded):
    from kinmap.graph import identity
    triples = loaded.stats()["Triples"]
    assert identity.link(loaded, "q-child-j/mum", "q-child-v/nan") is True
    assert identity.link(loaded, "q-child-v/nan", "q-child-j/mum") is False  # said already
    rows = answer(loaded, "interconnected-families")
    assert pick(rows, "group", "review", "households") == [
        (1, "q-child-j q-child-v", "mother's home; Mr P's home; Mr Q's home; "
                                   "foster home; grandmother's home")]
    assert rows[0]["linkedBy"].endswith("J's mother = V's grandmother (the same person)")
    # over one review, a link to another review joins nothing
    assert len(answer(loaded, "interconnected-families", review="q-child-v")) == 1
    assert loaded.stats()["Triples"] == triples  # links are not a review's triples
    loaded.load(read(FIXTURE))  # loading again keeps the links
    assert len(answer(loaded, "interconnected-families")) == 1
    assert identity.unlink(loaded, "q-child-v/nan", "q-child-j/mum") is True
    assert identity.unlink(loaded, "q-child-v/nan", "q-child-j/mum") is False
    assert len(answer(loaded, "interconnected-families")) == 2


def test_same_person_joins_two_single_households(store):
    from kinmap.graph import identity
    store.load(read(DATA / "queries" / "one-home-each.yaml"))
    assert answer(store, "interconnected-families") == []
    identity.link(store, "q-child-s/uncle", "q-child-t/lodger")
    assert pick(answer(store, "interconnected-families"), "review", "households",
                "linkedBy") == [("q-child-s q-child-t", "uncle's flat; T's family home",
                                 "S's uncle = a lodger (the same person)")]
    with pytest.raises(KinmapError, match="no person 'nobody' in review 'q-child-s'"):
        identity.link(store, "q-child-s/nobody", "q-child-t/t")
    with pytest.raises(KinmapError, match="name a person as REVIEW/PERSON"):
        identity.link(store, "uncle", "q-child-t/t")
    with pytest.raises(KinmapError, match="name two people"):
        identity.link(store, "q-child-s/s", "q-child-s/s")


def test_cli_same_person(tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "load", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "same-person", "q-child-j/mum",
                                 "q-child-v/nan"])
    assert result.exit_code == 0 and "linked: q-child-j/mum = q-child-v/nan" in result.stderr
    listed = runner.invoke(cli, ["--store", store, "same-person", "--list", "--format", "csv"])
    assert listed.stdout.splitlines() == ["person,label,sameAs,sameAsLabel",
                                          "q-child-j/mum,J's mother,q-child-v/nan,V's grandmother"]
    runner.invoke(cli, ["--store", store, "remove", "q-child-v"])  # the link stays, unused
    listed = runner.invoke(cli, ["--store", store, "same-person", "--list", "--format", "csv"])
    assert listed.stdout.splitlines()[1] == \
        "q-child-j/mum,J's mother,q-child-v/nan,(not in the store)"
    assert runner.invoke(cli, ["--store", store, "load", str(FIXTURE)]).exit_code == 0
    families = runner.invoke(cli, ["--store", store, "query", "interconnected-families",
                                   "--format", "json"])
    assert json.loads(families.stdout)[0]["review"] == "q-child-j q-child-v"
    bad = runner.invoke(cli, ["--store", store, "same-person", "q-child-j/mum", "x/y"])
    assert bad.exit_code == 1 and "no person 'y' in review 'x'" in bad.stderr
    assert runner.invoke(cli, ["--store", store, "same-person", "q-child-j/mum"]).exit_code == 2
    removed = runner.invoke(cli, ["--store", store, "same-person", "--remove", "q-child-j/mum",
                                  "q-child-v/nan"])
    assert removed.exit_code == 0 and "removed the link" in removed.stderr


def test_both_servers_give_the_same_named_query_answers(sparql_servers, monkeypatch):
    """Oxigraph and Virtuoso, loaded with the same reviews, answer every named query
    alike, over the whole store (stored answers) and over each review (live SPARQL)."""
    from conftest import remote

    from kinmap.graph.store import open_store
    files = [FIXTURE, DATA / "queries" / "services.yaml", *EXAMPLE_FILES, *GOLD_FILES]
    answers = []
    for server in ("oxigraph", "virtuoso"):
        with open_store(remote(server, sparql_servers, monkeypatch)) as store:
            for path in files:
                store.load(read(path))
            found = {}
            for name in QUERIES:
                for options in (Options(), Options(kind="any", detail=True),
                                Options(by="service"), Options(by="partnership")):
                    if options.by and name not in ("absent-agencies", "missed-sharing",
                                                   "known-to"):
                        continue
                    found[name, options] = run_query(store, name, options)
                for review in store.review_ids():
                    found[name, review] = run_query(store, name, Options(review=review))
            answers.append(found)
    assert answers[0].keys() == answers[1].keys()
    for key in answers[0]:
        assert answers[0][key] == answers[1][key], key
