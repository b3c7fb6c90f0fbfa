"""People identified as the same across reviews: an analyst's links, kept in the store.

Reviews are pseudonymised, and each names its people in its own way ("Child
B's father", "Mr D"), so kinmap never guesses that two of them are one person.
An analyst who knows it says so: `kinmap same-person REVIEW/PERSON
REVIEW/PERSON`. Each link is one `owl:sameAs` triple in the graph
`<https://w3id.org/kinmap/links>`, which belongs to no review: loading a review
again keeps its links (element IRIs come from ids), removing one leaves its
links unused until it comes back. `interconnected-families` follows the links
to join households across reviews.
"""
from __future__ import annotations

from pyoxigraph import NamedNode

from ..errors import KinmapError
from ..ontology import graph_iri, review_iri
from .store import LINKS_GRAPH, PREFIXES, SLUG, Store

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def person_iri(store: Store, reference: str) -> str:
    """The IRI of a person named as REVIEW/PERSON, checked to be in the store."""
    iri = _iri_of(reference)
    review, person = reference.split("/")
    if not store.ask(PREFIXES + f"ASK {{ GRAPH <{graph_iri(review)}> {{ <{iri}> a km:Person }} }}"):
        raise KinmapError(f"{reference!r}: no person {person!r} in review {review!r} of the "
                          f"store {store.location}; `kinmap export --format casemap --review "
                          f"{review}` shows its people")
    return iri


def link(store: Store, a: str, b: str) -> bool:
    """Say that two people (REVIEW/PERSON) are one; False when it was already said."""
    first, second = sorted((person_iri(store, a), person_iri(store, b)))
    if first == second:
        raise KinmapError(f"{a!r} and {b!r} are the same element; name two people")
    if _linked(store, first, second):
        return False
    store.update(f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ {_same(first, second)} }} }}")
    return True


def unlink(store: Store, a: str, b: str) -> bool:
    """Take back a link; False when there was none."""
    first, second = sorted(_iri_of(r) for r in (a, b))
    if not _linked(store, first, second):
        return False
    store.update(f"DELETE DATA {{ GRAPH <{LINKS_GRAPH}> {{ {_same(first, second)} . "
                 f"{_same(second, first)} }} }}")
    return True


def _same(a: str, b: str) -> str:
    return f"<{a}> <{SAME_AS}> <{b}>"


def _linked(store: Store, a: str, b: str) -> bool:
    """Is there a link between a and b, either way round?"""
    return store.ask(f"ASK {{ GRAPH <{LINKS_GRAPH}> {{ {{ {_same(a, b)} }} UNION "
                     f"{{ {_same(b, a)} }} }} }}")


def links(store: Store) -> list[tuple[str, str]]:
    """Every link, as pairs of person IRIs (each pair in sorted order)."""
    result = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{LINKS_GRAPH}> "
                          f"{{ ?a <{SAME_AS}> ?b }} }}")
    return sorted(tuple(sorted((a.value, b.value))) for a, b in result.rows
                  if isinstance(a, NamedNode) and isinstance(b, NamedNode))


def labels(store: Store, iris: list[str]) -> dict[str, str | None]:
    """Each person's label (or id), and None for one no longer in the store."""
    found: dict[str, str | None] = dict.fromkeys(iris)
    if iris:
        values = " ".join(f"<{iri}>" for iri in sorted(set(iris)))
        result = store.select(PREFIXES + f"""SELECT ?p ?label ?id WHERE {{
  VALUES ?p {{ {values} }} GRAPH ?g {{ ?p a km:Person ; dcterms:identifier ?id .
  OPTIONAL {{ ?p rdfs:label ?label }} }} }}""")
        for person, label, pid in result.rows:
            found[person.value] = (label or pid).value
    return found


def reference(iri: str) -> str:
    """REVIEW/PERSON for a person IRI."""
    return iri[len(review_iri("")):]


def _iri_of(reference: str) -> str:
    """The IRI a REVIEW/PERSON reference names, without looking in the store."""
    review, _, person = reference.partition("/")
    if not (SLUG.match(review) and SLUG.match(person)):
        raise KinmapError(f"{reference!r}: name a person as REVIEW/PERSON, with the ids the "
                          "case map uses, e.g. riverside-child-m/father")
    return f"{review_iri(review)}/{person}"
