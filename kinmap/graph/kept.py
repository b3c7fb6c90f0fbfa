"""Store-wide answers kept by the writer, so `query`, `stats` and `reviews` read one value.

Each review's answers are stored beside it when it is loaded (queries/stored.py,
facts.py), but a store-wide answer still read one stored value per review and
folded them all: 0.5-1.2 s of CPU at 2,000 full-length reviews, growing with the
store. So when a command that writes ends (load, remove, reindex, same-person:
one writer, after its last write), the writer folds the store once and keeps
every store-wide answer in the graph <https://w3id.org/kinmap/store-answers>:
each named query with its default options and with each `--by`, `stats` and
`reviews`, as rows (for the library) and as the text each `--format` prints
(for the prompt). A question then reads one value: its time no longer grows
with the store, but for the stamp below (two counts, about 2 µs a review) and
the size of the text it prints.

A kept answer is used only while the store is still what it was made from. The
writer gives each review's stored-answers graph a token; each kept answer
carries the stamp of the store it was made from: how many reviews, how many
tokens and their sum, and for interconnected-families the identity links. Any
write of a review, by any kinmap, drops that review's stored-answers graph and
its token with it, so the stamp no longer matches after a load or removal that
did not keep answers (the library's `Store.load`, an older kinmap, a load that
stopped half way) or a review graph added or dropped by another tool on a shared
server. The answer is then folded from each review's stored rows as before:
slower, never stale. Like the stored rows themselves, a review graph changed in
place by another tool, its stored-answers graph left as it was, is not noticed.

Kept answers are versioned by a digest of the code that makes them (the
queries, the folds, the output), so another kinmap's never match either.
"""
from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from pyoxigraph import Literal, NamedNode, Quad

from ..ontology import ANSWERS_IRI, KM_IRI, review_id_of_answers
from .store import KEPT_GRAPH, Store, insert_data

if TYPE_CHECKING:
    from .queries import Options, Table

#: Each review's stored-answers graph holds one integer under this predicate (`_give_tokens`).
TOKEN = NamedNode(ANSWERS_IRI + "token")
FORMATS = ("table", "csv", "json")
RDF_JSON = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
_FOR = NamedNode(KM_IRI + "answersFor")
_XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")

#: The columns `kinmap stats` and `kinmap reviews` print.
STATS_COLUMNS = ("kind", "count")
REVIEWS_COLUMNS = ("review", "type", "people", "elements", "source", "title")


def _version() -> str:
    """A digest of every file that decides what a kept answer is or how it prints."""
    here = Path(__file__).parent
    files = sorted((here / "queries").glob("*.rq")) + sorted((here / "queries").glob("*.py"))
    files += [Path(__file__), here / "overview.py", here / "identity.py", here / "store.py",
              here / "listings.py", here.parent / "output.py", here.parent / "vocab.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=None)
def version() -> str:
    return _version()


def _predicate(key: str, part: str) -> NamedNode:
    return NamedNode(f"{KEPT_GRAPH}/v/{version()}/{key}/{part}")


# -- which answers are kept ------------------------------------------------------------

#: What a question asks of a named query when it asks nothing: `queries.Options()`. Kept
#: here, with the queries that count `--by`, so that reading a kept answer imports none
#: of the queries' code (a test checks both against `kinmap.graph.queries`).
DEFAULT_OPTIONS = {"review": None, "kind": None, "min_agencies": 3, "detail": False,
                   "by": None, "service": None}
COUNTS_BY = ("absent-agencies", "missed-sharing", "known-to")
BY = ("label", "kind", "service", "partnership")
#: The queries whose answer also depends on the identity links (`same-person`).
FOLLOW_LINKS = ("interconnected-families",)


#: The listings (queries/storewide.py LISTINGS; a test keeps the two the same), named
#: here so that reading a kept answer imports none of the queries' code.
LISTINGS = frozenset({"chronology", "decisions"})


def query_key(name: str, options: "Options | dict[str, Any]") -> str | None:
    """The key of a named query's kept store-wide answer with these options, or None
    when such an answer is not kept (a listing, one review, --detail, --kind, --min,
    --service)."""
    if name in LISTINGS:
        return None
    asked = dict(options if isinstance(options, dict) else vars(options))
    by = asked.pop("by", None)
    if asked != {k: v for k, v in DEFAULT_OPTIONS.items() if k != "by"}:
        return None
    if by is None:
        return f"query-{name}"
    return f"query-{name}-by-{by}" if name in COUNTS_BY and by in BY else None


def kept_options() -> list[tuple[str, "Options"]]:
    """Every (query, options) whose store-wide answer the writer keeps.

    Not the listings (chronology, decisions): their answer is every review's rows,
    tens of MB at 2,000 full-length reviews, so keeping them held over 1.3 GB at the
    end of a load and grows with the store; the prompt copies them out at the speed
    of their size either way. They are read from each review's stored rows.
    """
    from .queries import QUERIES, Options
    out = [(name, Options()) for name in QUERIES if name not in LISTINGS]
    out += [(name, Options(by=by)) for name in COUNTS_BY for by in BY]
    return out


# -- the stamp: what the store was when an answer was made ------------------------------

def stamp(store: Store, links: Sequence[tuple[str, str]] | None = None) -> dict[str, Any]:
    """How many reviews, how many review tokens and their sum; the links if given."""
    from .store import PREFIXES
    reviews = store.select(PREFIXES + "SELECT (COUNT(?r) AS ?n) WHERE "
                           "{ GRAPH ?g { ?g km:describes ?r } }")
    tokens = store.select(f"SELECT (COUNT(?t) AS ?n) (SUM(?t) AS ?s) WHERE "
                          f"{{ GRAPH ?a {{ ?a {TOKEN} ?t }} }}")
    found = {"reviews": _number(reviews.rows[0][0] if reviews.rows else None),
             "tokens": _number(tokens.rows[0][0] if tokens.rows else None),
             "sum": _number(tokens.rows[0][1] if tokens.rows else None)}
    if links is not None:
        found["links"] = _links_digest(links)
    return found


def _links_digest(links: Sequence[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(sorted(map(list, links))).encode()).hexdigest()


def _number(term: Any) -> str:
    """An aggregate as text, the same for the same value whatever type the server gave."""
    if term is None:
        return "0"
    from decimal import Decimal, InvalidOperation
    try:
        return str(int(Decimal(term.value)))
    except (InvalidOperation, ValueError, AttributeError):
        return str(getattr(term, "value", term))


# -- reading -----------------------------------------------------------------------------

def _kept_value(store: Store, key: str, part: str,
                links: Sequence[tuple[str, str]] | None = None) -> str | None:
    """One part of a kept answer, if it is there and its stamp is the store's now."""
    graph = NamedNode(KEPT_GRAPH)
    result = store.select(f"SELECT ?stamp ?value WHERE {{ GRAPH {graph} {{ "
                          f"{graph} {_predicate(key, 'stamp')} ?stamp ; "
                          f"{_predicate(key, part)} ?value }} }}")
    if len(result.rows) != 1:
        return None
    kept_stamp, value = result.rows[0]
    try:
        if json.loads(kept_stamp.value) != stamp(store, links):
            return None
    except (ValueError, AttributeError):
        return None
    return value.value


def kept_rows(store: Store, key: str, links: Sequence[tuple[str, str]] | None = None
              ) -> tuple[list[str], list[tuple]] | None:
    """The columns and rows of a kept answer, or None when none is kept for the store now."""
    text = _kept_value(store, key, "rows", links)
    if text is None:
        return None
    try:
        data = json.loads(text)
        columns, rows = data["columns"], data["rows"]
        if not isinstance(columns, list) or not isinstance(rows, list) or \
                any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    return columns, [tuple(r) for r in rows]


def kept_table(store: Store, name: str, options: "Options",
               links: Sequence[tuple[str, str]] | None = None) -> "Table | None":
    """A named query's kept store-wide answer, or None (then it is folded)."""
    key = query_key(name, options)
    found = kept_rows(store, key, links) if key else None
    if found is None:
        return None
    from .queries import Table
    return Table(*found)


def kept_text(store: Store, key: str, fmt: str,
              links: Sequence[tuple[str, str]] | None = None) -> str | None:
    """What `--format fmt` prints for a kept answer, or None when none is kept now."""
    return _kept_value(store, key, fmt, links) if fmt in FORMATS else None


def kept_query_text(store: Store, name: str, options: "Options | dict[str, Any]",
                    fmt: str) -> str | None:
    """What `kinmap query NAME` prints with these options, if kept for the store now."""
    from ..choices import QUERY_NAMES
    key = query_key(name, options)
    if key is None or name not in QUERY_NAMES:
        return None
    links = None
    if name in FOLLOW_LINKS:
        from . import identity
        links = identity.links(store)
    return kept_text(store, key, fmt, links)


# -- writing (the writer, when a command's writes are done) -------------------------------

def keep(store: Store, progress: Callable[[list, str], Iterable] = lambda items, label: items,
         only: Sequence[str] | None = None) -> list[str]:
    """Fold the store's answers once and keep them, stamped with the store as it is.

    Gives every review's stored answers a token first (those written since the last
    time have none). With `only` (query names), keeps those queries' answers and
    leaves the others as they are (after `same-person`, which changes one answer).
    Each query's answers are written as soon as they are made, so memory holds one
    query's rows, not every answer's. Returns the keys kept; none when the store
    changed while they were folded (another writer on a shared server): what was
    kept is dropped, and questions fold until the next write keeps them again.
    """
    from . import identity
    from .queries import QUERIES
    from .queries.facts import stats_over_store, summaries_over_store
    from .queries.storewide import every_review_rows

    _give_tokens(store)
    links = identity.links(store)
    before = stamp(store)
    by_query: dict[str, list["Options"]] = {}
    for name, options in kept_options():
        if only is None or name in only:
            by_query.setdefault(name, []).append(options)
    if only is None:
        forget(store)
    else:
        _forget_keys(store, [query_key(name, o) for name in by_query for o in by_query[name]])
    done: list[str] = []
    for name in progress([*by_query, *([] if only else ["stats", "reviews"])],
                         "keeping store-wide answers"):
        answers: list[tuple[str, Sequence[str], Sequence[Sequence[Any]]]] = []
        if name == "stats":
            answers.append(("stats", STATS_COLUMNS, list(stats_over_store(store).items())))
        elif name == "reviews":
            answers.append(("reviews", REVIEWS_COLUMNS, [
                (s.id, s.type, s.people, s.elements, s.source, s.title)
                for s in summaries_over_store(store)]))
        else:
            query = QUERIES[name]
            rows, _ = every_review_rows(store, query)
            extra = {"same": links} if query.follows_links else {}
            for options in by_query[name]:
                table = query.answer(rows, options, **extra)  # rows read anew each time
                answers.append((query_key(name, options), table.columns, table.rows))
        made = dict(before)
        if name in FOLLOW_LINKS:
            made["links"] = _links_digest(links)
        _write(store, [q for key, columns, rows in answers
                       for q in _kept_quads(key, made, columns, rows)])
        done += [key for key, _, _ in answers]
    if stamp(store) != before:
        _forget_keys(store, done)
        return []
    if only is None:
        from .listings import keep_files
        keep_files(store, before)  # the listings' whole text, beside an embedded store
    return done


def _kept_quads(key: str, made: dict, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> list[Quad]:
    """One kept answer: its stamp, its rows as JSON, and the text of each format."""
    graph = NamedNode(KEPT_GRAPH)
    quads = [Quad(graph, _predicate(key, "stamp"), Literal(json.dumps(made)), graph),
             Quad(graph, _predicate(key, "rows"), Literal(
                 json.dumps({"columns": list(columns), "rows": [list(r) for r in rows]},
                            ensure_ascii=False, separators=(",", ":")), datatype=RDF_JSON),
                  graph)]
    quads += [Quad(graph, _predicate(key, fmt), Literal(rendered(columns, rows, fmt)), graph)
              for fmt in FORMATS]
    return quads


def _write(store: Store, quads: list[Quad]) -> None:
    """Insert quads in one transaction; the embedded store takes them as they are,
    without a SPARQL text that would hold every answer a second time."""
    from .embedded import EmbeddedStore
    if isinstance(store, EmbeddedStore):
        from ..errors import StoreError
        try:
            store.oxigraph.extend(quads)
        except (OSError, RuntimeError) as error:
            raise StoreError(f"{store.location}: cannot keep the answers: {error}") from None
        # counted as the store counts its updates (by size), so it flushes as they do
        store._wrote(sum(len(q.object.value) for q in quads) // 100 + len(quads))
    else:
        store.update(insert_data(quads))


def _forget_keys(store: Store, keys: Iterable[str]) -> None:
    """Drop these kept answers, every part of each."""
    graph = NamedNode(KEPT_GRAPH)
    update = "".join(f"""DELETE {{ GRAPH {graph} {{ {graph} ?p ?o }} }}
WHERE {{ GRAPH {graph} {{ {graph} ?p ?o }}
        FILTER(STRSTARTS(STR(?p), "{_predicate(key, '').value}")) }} ;\n""" for key in keys)
    if update:
        store.update(update.rstrip(" ;\n"))


def keep_after_writing(store: Store,
                       progress: Callable[[list, str], Iterable] = lambda items, label: items,
                       only: Sequence[str] | None = None) -> list[str]:
    """`keep`, for the end of a command whose writes are done: a failure to keep (a
    server that refuses so large a value) is logged, not raised, as what the command
    wrote stands, and questions fold until the next write keeps them."""
    from ..errors import KinmapError
    try:
        return keep(store, progress, only)
    except KinmapError as error:
        import logging
        logging.getLogger("kinmap").warning(
            "kinmap: note: the store-wide answers were not kept (%s); questions over the "
            "whole store are answered the slower way until the next load", error)
        try:
            forget(store)
        except KinmapError:
            pass
        return []


def rendered(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """The text `--format fmt` prints for these rows."""
    from ..output import write_rows
    out = io.StringIO()
    write_rows(columns, rows, fmt, out)
    return out.getvalue()


def _give_tokens(store: Store) -> int:
    """A token in each review's stored-answers graph that has none; how many.

    The token says "this graph was there when the answers were kept": only this
    function writes one, and every write of a review drops it with the graph. Its
    value tells reviews apart in the stamp's sum (one review dropped and another
    added between two keeps change the sum); derived from the review id, so the
    same loads make the same store.
    """
    have = store.select(f"SELECT ?a WHERE {{ GRAPH ?a {{ ?a {TOKEN} ?t }} }}")
    answered = store.select(f"SELECT ?a WHERE {{ GRAPH ?a {{ ?a {_FOR} ?g }} }}")
    given = {a.value for (a,) in have.rows}
    wanting = sorted({a.value for (a,) in answered.rows
                      if review_id_of_answers(a.value)} - given)
    if wanting:
        store.update(insert_data([
            Quad(NamedNode(a), TOKEN, Literal(str(token(a)), datatype=_XSD_INTEGER),
                 NamedNode(a)) for a in wanting]))
    return len(wanting)


def token(answers_graph: str) -> int:
    """40 bits of a digest of the graph's IRI: the sum of a store's tokens stays exact
    even where a server sums in doubles (under 2^53 up to 8,192 reviews; beyond, it
    is still the same sum each time)."""
    return int.from_bytes(hashlib.sha256(answers_graph.encode()).digest()[:5], "big")


def forget(store: Store) -> None:
    """Drop the kept answers (questions fold until the next write keeps them again)."""
    store.update(f"DROP SILENT GRAPH <{KEPT_GRAPH}>")
