"""Writers by format name: the registry behind `kinmap export --format`.

Each writer takes a list of CaseMaps and a binary stream. Modules are imported
only when their format is used, so `kinmap stats` never imports networkx.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import IO, TYPE_CHECKING, Callable, Collection, Iterator, Sequence

from ..errors import StoreError, UnknownFormat

if TYPE_CHECKING:
    from ..graph.store import Store
    from ..model import CaseMap


@dataclass(frozen=True)
class Writer:
    """A registered output format."""

    name: str
    aliases: tuple[str, ...]
    suffix: str
    description: str
    target: str  # "module:function"
    #: Writes a folder of files (`write(casemaps, folder_path)`) instead of one stream.
    folder: bool = False
    #: Takes any iterable of case maps and writes each before reading the next, so
    #: a whole store is exported in the memory of one review.
    streams: bool = False

    def load(self) -> Callable[[Sequence[CaseMap], IO[bytes]], None]:
        module, _, function = self.target.partition(":")
        return getattr(import_module(module, __name__), function)


WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> None:
    """Add a writer under its name and aliases."""
    for name in (writer.name, *writer.aliases):
        WRITERS[name] = writer


for _writer in (
    Writer("ttl", ("turtle",), ".ttl", "RDF Turtle (all reviews merged)", ".rdf:write_turtle"),
    Writer("trig", (), ".trig", "RDF TriG, one named graph per review", ".rdf:write_trig"),
    Writer("nt", ("ntriples", "n-triples"), ".nt", "RDF N-Triples", ".rdf:write_ntriples",
           streams=True),
    Writer("nq", ("nquads", "n-quads"), ".nq", "RDF N-Quads, one graph per review",
           ".rdf:write_nquads", streams=True),
    Writer("jsonld", ("json-ld",), ".jsonld", "JSON-LD with kinmap's context inline",
           ".rdf:write_jsonld"),
    Writer("graphml", (), ".graphml", "GraphML of the network (for Gephi, yEd, Cytoscape)",
           ".network:write_graphml"),
    Writer("gexf", (), ".gexf", "GEXF of the network (for Gephi)", ".network:write_gexf"),
    Writer("gedcom", ("ged", "gedcom7"), ".ged",
           "GEDCOM 7.0 of the families (for Gramps, GenoPro and family-history software)",
           ".gedcom:write_gedcom"),
    Writer("gedcom551", ("gedcom5",), ".ged",
           "GEDCOM 5.5.1 of the families, for software that reads no GEDCOM 7",
           ".gedcom:write_gedcom551"),
    Writer("neo4j", (), "", "a folder of CSV files for neo4j-admin import, and a Cypher script",
           ".neo4j:write_neo4j", folder=True),
    Writer("casemap", ("yaml", "yml"), ".yaml", "case map YAML (format v1)",
           ".casemap:write_casemap"),
):
    register(_writer)


def format_names() -> list[str]:
    """The primary names of every format, for --format choices."""
    return sorted({w.name for w in WRITERS.values()})


def get_writer(name: str) -> Writer:
    """The writer of a format name or alias."""
    try:
        return WRITERS[name.lower()]
    except KeyError:
        raise UnknownFormat(f"no writer for format {name!r}; choose one of: "
                            f"{', '.join(format_names())}") from None


def write(casemaps: Sequence[CaseMap], fmt: str, out: IO[bytes]) -> None:
    """Write case maps in a named format to a binary stream (a folder for a folder format)."""
    get_writer(fmt).load()(casemaps, out)


def pseudonymised(casemaps: Sequence[CaseMap], show_text: Collection[str] = ()
                  ) -> list[CaseMap]:
    """Copies for sharing outside the review team: role labels for names, years for dates,
    no free text but the `show_text` fields; several reviews are numbered apart."""
    from .views.pseudonyms import pseudonymise

    several = len(casemaps) > 1
    return [pseudonymise(cm, number=n if several else None, show_text=show_text)
            for n, cm in enumerate(casemaps, start=1)]


def casemaps_to_export(store: "Store", review_ids: Sequence[str] = (), *,
                       pseudonymise: bool = False, show_text: Collection[str] = ()
                       ) -> Iterator[CaseMap]:
    """The reviews an export writes (every review by default), read from the store one
    at a time as they are asked for; an unknown id is refused before any is read."""
    ids = list(review_ids) or store.review_ids()
    present = store.present(ids)
    missing = [rid for rid in dict.fromkeys(ids) if rid not in present]
    if missing:
        raise StoreError(f"no review {missing[0]!r} in the store {store.location}; "
                         "`kinmap reviews` lists the ones there")
    several = len(ids) > 1
    for n, rid in enumerate(ids, start=1):
        casemap = store.casemap(rid)
        if pseudonymise:
            from .views.pseudonyms import pseudonymise as pseudonymised_copy
            casemap = pseudonymised_copy(casemap, number=n if several else None,
                                         show_text=show_text)
        yield casemap
