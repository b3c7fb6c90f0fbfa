"""Pointing kinmap at a shared server: profiles, endpoints, credentials, and requests every
server takes (issue 13 part 4). The servers themselves are real (conftest.py)."""
from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner

from kinmap.cli import cli
from kinmap.errors import StoreError
from kinmap.graph.mapping import casemaps_from_triples
from kinmap.graph.remote import bind_values, endpoints
from kinmap.graph.store import CHUNK, insert_data, open_store, prepare
from kinmap.loaders import read

from conftest import EXAMPLE_FILES, GOLD_FILES

ENV = ("KINMAP_STORE_PROFILE", "KINMAP_STORE_QUERY", "KINMAP_STORE_UPDATE",
       "KINMAP_STORE_USER", "KINMAP_STORE_PASSWORD")


@pytest.fixture
def clean_env(monkeypatch):
    for key in ENV:
        monkeypatch.delenv(key, raising=False)
    return monkeypatch


@pytest.mark.parametrize("profile, url, query, update", [
    (None, "http://h:7878", "http://h:7878/query", "http://h:7878/update"),
    ("fuseki", "http://h:3030/kinmap", "http://h:3030/kinmap/query",
     "http://h:3030/kinmap/update"),
    ("graphdb", "http://h:7200/repositories/kinmap", "http://h:7200/repositories/kinmap",
     "http://h:7200/repositories/kinmap/statements"),
    ("virtuoso", "http://h:8890/", "http://h:8890/sparql", "http://h:8890/sparql-auth"),
])
def test_each_profile_names_its_endpoints(clean_env, profile, url, query, update):
    found = endpoints(url, profile=profile)
    assert (found.query, found.update, found.user, found.password) == (query, update, None, None)


def test_endpoints_named_outright_and_credentials_from_the_environment(clean_env):
    clean_env.setenv("KINMAP_STORE_PROFILE", "virtuoso")
    clean_env.setenv("KINMAP_STORE_UPDATE", "https://h/private/update")
    clean_env.setenv("KINMAP_STORE_USER", "kinmap")
    clean_env.setenv("KINMAP_STORE_PASSWORD", "s3cret")
    found = endpoints("https://h", query_url="https://h/public/sparql")
    assert (found.query, found.update) == ("https://h/public/sparql", "https://h/private/update")
    assert (found.user, found.password) == ("kinmap", "s3cret")


def test_a_bad_profile_or_a_password_without_a_user_is_one_line(clean_env):
    with pytest.raises(StoreError, match="store profile 'stardog': use one of"):
        endpoints("http://h", profile="stardog")
    clean_env.setenv("KINMAP_STORE_PASSWORD", "s3cret")
    with pytest.raises(StoreError, match=r"\$KINMAP_STORE_USER is not"):
        endpoints("http://h")


def test_virtuoso_without_or_with_wrong_credentials_is_told_so(sparql_servers, clean_env,
                                                                tmp_path):
    from conftest import remote
    url = remote("virtuoso", sparql_servers, clean_env)
    clean_env.delenv("KINMAP_STORE_USER")
    clean_env.delenv("KINMAP_STORE_PASSWORD")
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", url, "--store-profile", "virtuoso", "load",
                                 str(EXAMPLE_FILES[0])])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "asks who you are (HTTP 401); set $KINMAP_STORE_USER and " \
           "$KINMAP_STORE_PASSWORD" in result.stderr
    clean_env.setenv("KINMAP_STORE_USER", "dba")
    clean_env.setenv("KINMAP_STORE_PASSWORD", "not-the-password")
    result = runner.invoke(cli, ["--store", url, "--store-profile", "virtuoso", "load",
                                 str(EXAMPLE_FILES[0])])
    assert result.exit_code == 1 and "were refused" in result.stderr
    # reading needs no account: the query endpoint is open
    result = runner.invoke(cli, ["--store", url, "--store-profile", "virtuoso", "reviews"])
    assert result.exit_code == 0, result.output


def test_a_binding_goes_inside_the_where_group():
    graph = pyoxigraph.NamedNode("https://w3id.org/kinmap/graph/x")
    grouped = bind_values("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                          "GROUP BY ?g", {"g": graph})
    assert grouped.startswith("SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES (?g) { "
                              "(<https://w3id.org/kinmap/graph/x>) }")
    assert grouped.endswith("GROUP BY ?g")
    template = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                           {"g": graph})
    assert template.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?g)")
    # a comment or a string that looks like WHERE { is no group
    tricky = bind_values('SELECT ?g # WHERE {\nWHERE { GRAPH ?g { ?s ?p "WHERE {" } }',
                         {"g": graph})
    assert tricky.startswith('SELECT ?g # WHERE {\nWHERE { VALUES (?g)')
    # CONSTRUCT WHERE { triples } takes no VALUES inside: the clause goes after the query
    short = bind_values("CONSTRUCT WHERE { ?g ?p ?o }", {"g": graph})
    assert short == "CONSTRUCT WHERE { ?g ?p ?o }\nVALUES (?g) { " \
                    "(<https://w3id.org/kinmap/graph/x>) }"
    for text in (grouped, template, tricky, short):
        pyoxigraph.Store().query(text)  # valid SPARQL


def test_inserts_come_in_operations_of_at_most_chunk_statements_with_lists_whole():
    casemaps = [cm for path in GOLD_FILES for cm in read(path)]
    quads = prepare(casemaps)
    update = insert_data(quads)
    operations = update.split(" ;\n")
    assert len(operations) > 2
    for operation in operations:
        statements = operation.count(" .\n")
        assert statements <= CHUNK + 50, statements  # templates may pass CHUNK by one list
        if operation.startswith("INSERT {"):
            assert operation.count("GRAPH <") == 1, "one graph a template"
            assert operation.endswith("} WHERE {}")
        else:
            assert "_:" not in operation, "no blank node in INSERT DATA"
    store = pyoxigraph.Store()
    store.update(update)
    assert len(store) == len(quads)
    def by_id(found):
        return sorted(found, key=lambda cm: cm.review.id)
    assert by_id(casemaps_from_triples(store)) == by_id(casemaps)


def test_both_servers_take_a_large_review_in_one_request(sparql_server):
    casemaps = [cm for path in GOLD_FILES for cm in read(path)]
    with open_store(sparql_server) as store:
        store.load(casemaps)
        assert store.review_ids() == sorted(cm.review.id for cm in casemaps)
        assert [store.casemap(cm.review.id) for cm in casemaps] == casemaps


def test_the_cli_offers_every_profile():
    from kinmap.graph.remote import PROFILES
    [option] = [p for p in cli.params if p.name == "store_profile"]
    assert list(option.type.choices) == list(PROFILES)
