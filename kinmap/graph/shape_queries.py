"""The SHACL shapes of ontology/shapes.ttl as SPARQL: one store-wide SELECT per constraint.

pyshacl (shacl.py) checks one review at a time in Python, seconds for a
full-length review. Each check here is one query that the store's own engine
(Oxigraph, or any SPARQL 1.1 server) runs over every review's named graph at
once; it returns the graph, the focus node and, where SHACL names one, the
value that break one constraint. The checks keep SHACL's meaning for a review
graph as pyshacl sees it: that graph plus the ontology's SKOS concepts (which
are not in the store, so what the shapes ask of them is written into the query).

The compiler knows the SHACL features shapes.ttl uses and refuses any other
(UnsupportedShape), so a new kind of constraint cannot go unchecked;
tests/test_shape_queries.py holds every check to pyshacl's verdicts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from pyoxigraph import NamedNode

from ..errors import KinmapError
from ..ontology import GRAPH_IRI

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
KM = "https://w3id.org/kinmap/ontology#"

#: Datatypes whose lexical forms SHACL (and pyshacl) check, by SPARQL's cast to them:
#: a literal "maybe"^^xsd:boolean breaks sh:datatype xsd:boolean.
CHECKED_LEXICAL = {XSD + name for name in ("integer", "decimal", "double", "float",
                                            "boolean", "date", "dateTime")}

#: Parameters of a shape that say nothing to check.
NOT_CONSTRAINTS = {RDF_TYPE, SH + "message", SH + "name", SH + "description",
                   "http://www.w3.org/2000/01/rdf-schema#comment", SH + "path",
                   SH + "targetClass", SH + "property", SH + "flags", SH + "prefixes"}


class UnsupportedShape(KinmapError):
    """A shape uses a SHACL feature this compiler has no store-wide query for."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a store-wide SELECT.

    The query's rows bind ?g (the review's graph), ?this (the focus node) and,
    for constraints on values, ?value; `message` is filled in from them.
    """

    shape: str
    path: str | None
    component: str  #: the SHACL constraint component, e.g. "MinCount"
    query: str  #: the whole check in one query
    message: str
    #: The same check in two steps, which is how it runs: `find` lists the few
    #: (graph,) value or focus rows at fault, read off the property's own triples;
    #: `then` places them on the shape's targets, with their rows as a VALUES
    #: block where it says #ROWS#. One query has the engine join every target first.
    find: str | None = None
    then: str | None = None
    #: (shape node, parameter) pairs of shapes.ttl this check is the query for
    covers: tuple[tuple[Any, str], ...] = field(default=(), compare=False, repr=False)
    #: the target classes of the shape (what the tests build violations on)
    targets: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: the constraint's parameter value (the n of minCount, the class of sh:class, ...)
    parameter: Any = field(default=None, compare=False, repr=False)
    #: for a check on each value alone (not reading the review graph): the SPARQL
    #: test a conforming ?value passes, so that one screen can test several at once
    test: str | None = field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------- SPARQL text

def iri(value: Any) -> str:
    return f"<{value}>"


def string(text: str) -> str:
    """A SPARQL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\r", "\\r")
    return f'"{escaped}"'


def term(node: Any) -> str:
    """An rdflib term of the shapes graph as SPARQL text."""
    from rdflib import Literal, URIRef
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal):
        if node.language:
            return f"{string(str(node))}@{node.language}"
        datatype = node.datatype or XSD + "string"
        return f"{string(str(node))}^^{iri(datatype)}"
    raise UnsupportedShape(f"shapes.ttl: a blank node {node} where a value was expected")


class Names:
    """Fresh variable names for nested patterns."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, stem: str = "v") -> str:
        self.n += 1
        return f"?{stem}{self.n}"


# ---------------------------------------------------------------- the compiler

class Compiler:
    """Turns the shapes graph into Checks, given the ontology facts pyshacl sees."""

    def __init__(self, shapes: Any, facts: Any) -> None:
        self.shapes = shapes
        self.facts = facts  # the SKOS concepts, part of every review's data graph

    # -- what the ontology facts add to a review graph -------------------

    def fact_subjects(self, predicate: str, obj: Any) -> list[str]:
        from rdflib import URIRef
        return sorted(str(s) for s in self.facts.subjects(URIRef(predicate), obj))

    def fact_instances(self, cls: Any) -> list[str]:
        """Instances of a class among the facts: rdf:type/rdfs:subClassOf* inside them."""
        from rdflib import URIRef
        classes, todo = {cls}, [cls]
        while todo:
            for sub in self.facts.subjects(URIRef(SUBCLASS), todo.pop()):
                if sub not in classes:
                    classes.add(sub)
                    todo.append(sub)
        return sorted({str(s) for c in classes
                       for s in self.facts.subjects(URIRef(RDF_TYPE), c)})

    def fact_predicates(self) -> set[str]:
        return {str(p) for p in self.facts.predicates()}

    # -- reading the shapes ------------------------------------------------

    def value(self, node: Any, parameter: str) -> Any:
        from rdflib import URIRef
        values = list(self.shapes.objects(node, URIRef(parameter)))
        if len(values) > 1:
            raise UnsupportedShape(f"shapes.ttl: {self.name(node)} has {len(values)} "
                                   f"values of {short(parameter)}; give one")
        return values[0] if values else None

    def parameters(self, node: Any) -> list[tuple[str, Any]]:
        return sorted((str(p), o) for p, o in self.shapes.predicate_objects(node))

    def name(self, node: Any) -> str:
        from rdflib import BNode
        if not isinstance(node, BNode):
            return short(str(node))
        for shape in self.shapes.subjects(None, node):
            path = self.value(node, SH + "path")
            return f"{self.name(shape)} ({short(str(path)) if path else 'nested'})"
        return "a nested shape"

    def items(self, node: Any) -> list[Any]:
        from rdflib.collection import Collection
        return list(Collection(self.shapes, node))

    # -- expressions: does value `v` conform? ------------------------------
    #
    # Each is a SPARQL expression over `v`, evaluated outside any GRAPH block
    # with ?g bound to the review's graph: what it asks of the graph is an
    # EXISTS { GRAPH ?g { ... } }, and what the ontology's concepts add is written in.

    def value_ok(self, node: Any, parameter: str, arg: Any, v: str, names: Names,
                 covers: list) -> str:
        """True when the value in `v` meets one value constraint."""
        if parameter == SH + "class":
            # rdf:type/rdfs:subClassOf* as two tests: the direct type, a cheap lookup
            # that holds for kinmap's own triples, before the path (slow per value)
            t = names("t")
            tests = [f"EXISTS {{ GRAPH ?g {{ {v} <{RDF_TYPE}> {iri(arg)} }} }}",
                     f"EXISTS {{ GRAPH ?g {{ {t} <{SUBCLASS}>+ {iri(arg)} . "
                     f"{v} <{RDF_TYPE}> {t} }} }}"]
            known = self.fact_instances(arg)
            if known:
                tests.append(f"{v} IN ({', '.join(map(iri, known))})")
            return "(" + " || ".join(tests) + ")"
        # Each mention of the value costs Oxigraph a look-up of its text (a long
        # quote's is stored apart): the tests below name it as few times as they can,
        # an error (a blank node, an IRI's datatype) counting as a failure by COALESCE.
        if parameter == SH + "datatype":
            # a literal with a language has datatype rdf:langString, so this is also
            # "no language" for xsd:string
            ok = f"datatype({v}) = {iri(arg)}"
            if str(arg) in CHECKED_LEXICAL:
                ok += f" && isLiteral({iri(arg)}(STR({v})))"
            return f"COALESCE({ok}, false)"
        if parameter == SH + "pattern":
            flags = self.value(node, SH + "flags")
            flags = f", {string(str(flags))}" if flags else ""
            return f"COALESCE(REGEX(STR({v}), {string(str(arg))}{flags}), false)"
        if parameter == SH + "minLength":
            return f"COALESCE(STRLEN(STR({v})) >= {int(arg)}, false)"
        if parameter == SH + "minInclusive":
            return f"COALESCE({v} >= {term(arg)}, false)"
        if parameter == SH + "maxInclusive":
            return f"COALESCE({v} <= {term(arg)}, false)"
        if parameter == SH + "node":
            return self.node_ok(arg, v, names, covers)
        if parameter == SH + "or":
            return "(" + " || ".join(self.node_ok(member, v, names, covers)
                                     for member in self.items(arg)) + ")"
        if parameter == SH + "hasValue":
            return f"sameTerm({v}, {term(arg)})"
        raise UnsupportedShape(f"shapes.ttl: {self.name(node)}: no store-wide query for "
                               f"{short(parameter)}; write one in kinmap/graph/shape_queries.py")

    def node_ok(self, shape: Any, v: str, names: Names, covers: list) -> str:
        """True when the node in `v` conforms to a whole (nested) shape."""
        parts = []
        for parameter, arg in self.parameters(shape):
            if parameter in NOT_CONSTRAINTS - {SH + "property"}:
                continue
            covers.append((shape, parameter))
            if parameter == SH + "property":
                parts.append(self.property_ok(arg, v, names, covers))
            else:
                parts.append(self.value_ok(shape, parameter, arg, v, names, covers))
        return "(" + " && ".join(parts or ["true"]) + ")"

    def property_ok(self, prop: Any, v: str, names: Names, covers: list) -> str:
        """True when the node in `v` meets a nested property shape."""
        path = self.path(prop)
        parts = []
        for parameter, arg in self.parameters(prop):
            if parameter in NOT_CONSTRAINTS:
                continue
            covers.append((prop, parameter))
            if parameter == SH + "hasValue":
                known = self.fact_subjects(path, arg)
                inside = f"EXISTS {{ GRAPH ?g {{ {v} {iri(path)} {term(arg)} }} }}"
                parts.append(f"({inside} || {v} IN ({', '.join(map(iri, known))}))"
                             if known else inside)
            elif parameter in (SH + "minCount", SH + "maxCount"):
                raise UnsupportedShape(f"shapes.ttl: {self.name(prop)}: no store-wide "
                                       f"query for {short(parameter)} inside sh:node")
            else:
                self.refuse_concept_values(prop, path)
                x = names("x")
                ok = self.value_ok(prop, parameter, arg, x, names, covers)
                parts.append(f"NOT EXISTS {{ GRAPH ?g {{ {v} {iri(path)} {x} }} FILTER(!{ok}) }}")
        return "(" + " && ".join(parts or ["true"]) + ")"

    def refuse_concept_values(self, prop: Any, path: str) -> None:
        if path in self.fact_predicates():
            raise UnsupportedShape(f"shapes.ttl: {self.name(prop)}: a value constraint on "
                                   f"{short(path)}, which the ontology's concepts hold too")

    def path(self, prop: Any) -> str:
        from rdflib import URIRef
        path = self.value(prop, SH + "path")
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"shapes.ttl: {self.name(prop)}: only a property IRI "
                                   "as sh:path has a store-wide query")
        return str(path)

    # -- the top-level shapes: one Check per constraint --------------------
    #
    # Each query first finds what is wrong from the property's own triples (a scan
    # of one predicate, with each distinct value checked once) and only then joins
    # the few rows left with the shape's targets: the other way round, every
    # target is looked up one by one, which took Oxigraph 10-40 times longer.

    def checks(self) -> list[Check]:
        from rdflib import URIRef
        found: list[Check] = []
        targeted = sorted(set(self.shapes.subjects(URIRef(SH + "targetClass"), None)))
        for shape in targeted:
            for parameter in (SH + "targetNode", SH + "targetSubjectsOf",
                              SH + "targetObjectsOf", SH + "severity", SH + "deactivated",
                              SH + "target"):
                if self.value(shape, parameter) is not None:
                    raise UnsupportedShape(f"shapes.ttl: {self.name(shape)} uses "
                                           f"{short(parameter)}; no store-wide query for it")
            targets = tuple(sorted(str(c) for c in
                                   self.shapes.objects(shape, URIRef(SH + "targetClass"))))
            for parameter, arg in self.parameters(shape):
                if parameter in NOT_CONSTRAINTS - {SH + "property"}:
                    continue
                if parameter == SH + "property":
                    found += self.property_checks(arg, targets)
                elif parameter == SH + "sparql":
                    found.append(self.sparql_check(shape, arg, targets))
                else:
                    names, covers = Names(), [(shape, parameter)]
                    ok = self.value_ok(shape, parameter, arg, "?this", names, covers)
                    where = f"GRAPH ?g {{ {self.target_pattern(targets)} }} FILTER(!{ok})"
                    found.append(self.make(shape, None, parameter, arg, targets,
                                           self.select("?g ?this", where), covers))
        return found

    def property_checks(self, prop: Any, targets: tuple[str, ...]) -> list[Check]:
        path = self.path(prop)
        p = iri(path)
        tg = self.target_pattern(targets)
        out = []
        for parameter, arg in self.parameters(prop):
            if parameter in NOT_CONSTRAINTS:
                continue
            names, covers = Names(), [(prop, parameter)]
            if parameter == SH + "minCount" and int(arg) == 1:
                where = f"GRAPH ?g {{ {tg} }} MINUS {{ GRAPH ?g {{ ?this {p} ?any }} }}"
                query = self.select("?g ?this", where)
            elif parameter == SH + "minCount":
                counted = (f"{{ SELECT ?g ?this WHERE {{ GRAPH ?g {{ {tg} "
                           f"OPTIONAL {{ ?this {p} ?any }} }} }} GROUP BY ?g ?this "
                           f"HAVING (COUNT(?any) < {int(arg)}) }}")
                query = self.select("?g ?this", counted)
            elif parameter == SH + "maxCount":
                counted = (f"SELECT ?g ?this WHERE {{ GRAPH ?g {{ ?this {p} ?any }} }} "
                           f"GROUP BY ?g ?this HAVING (COUNT(?any) > {int(arg)})")
                then = self.select("?g ?this", f"#ROWS# GRAPH ?g {{ {tg} }}")
                out.append(self.make(prop, path, parameter, arg, targets,
                                     then.replace("#ROWS#", f"{{ {counted} }}"), covers,
                                     find=counted, then=then))
                continue
            elif parameter == SH + "hasValue":
                known = self.fact_subjects(path, arg)
                where = f"GRAPH ?g {{ {tg} }} MINUS {{ GRAPH ?g {{ ?this {p} {term(arg)} }} }}"
                if known:
                    where += f" FILTER(?this NOT IN ({', '.join(map(iri, known))}))"
                query = self.select("?g ?this", where)
            else:
                self.refuse_concept_values(prop, path)
                ok = self.value_ok(prop, parameter, arg, "?value", names, covers)
                # a value is judged alone, or (when the check reads the graph) once a graph
                per_graph = "GRAPH ?g" in ok
                pairs = "?g ?value" if per_graph else "?value"
                # what surely conforms (the right type, a concept of the scheme) goes
                # first, by anti-joins: the test of `ok` on each value costs far more
                enough = (self.sufficient(prop, parameter, arg) or []) if per_graph else []
                minus = " ".join(f"MINUS {{ {pattern} }}" for pattern in enough)
                # the anti-joins before DISTINCT, which then sees the few values left;
                # in a subquery, or Oxigraph tests `ok` before the anti-joins
                values = (f"{{ SELECT DISTINCT {pairs} WHERE {{ GRAPH ?g {{ ?s {p} ?value }} "
                          f"{minus} }} }}")
                wrong = f"SELECT {pairs} WHERE {{ {values} FILTER(!{ok}) }}"
                # the rows found, joined to the property's triples and to the targets
                # by hashing (each a subquery): a lookup per row cost Oxigraph more
                then = self.select("?g ?this ?value", (
                    f"#ROWS# {{ SELECT ?g ?this ?value WHERE {{ "
                    f"GRAPH ?g {{ ?this {p} ?value }} }} }} "
                    f"{self.targets_table(targets)}"))
                check = self.make(prop, path, parameter, arg, targets,
                                  then.replace("#ROWS#", f"{{ {wrong} }}"), covers,
                                  find=wrong, then=then)
                out.append(check if per_graph else replace(check, test=ok))
                continue
            out.append(self.make(prop, path, parameter, arg, targets, query, covers))
        return out

    def sufficient(self, node: Any, parameter: str, arg: Any) -> list[str] | None:
        """Patterns of ?value (in ?g) any one of which proves the constraint met, or
        None when there are none to give: the fast part of a check."""
        if parameter == SH + "class":
            found = [f"GRAPH ?g {{ ?value <{RDF_TYPE}> {iri(arg)} }}"]
            known = self.fact_instances(arg)
            return found + ([f"VALUES ?value {{ {' '.join(map(iri, known))} }}"]
                            if known else [])
        if parameter == SH + "node":
            return self.sufficient_shape(arg)
        if parameter == SH + "or":
            found = []
            for member in self.items(arg):
                some = self.sufficient_shape(member)
                if some is None:
                    return None
                found += some
            return found
        return None

    def sufficient_shape(self, shape: Any) -> list[str] | None:
        constraints = [(p, o) for p, o in self.parameters(shape)
                       if p not in NOT_CONSTRAINTS - {SH + "property"}]
        if len(constraints) != 1:
            return None
        parameter, arg = constraints[0]
        if parameter != SH + "property":
            return self.sufficient(shape, parameter, arg)
        checks = [(p, o) for p, o in self.parameters(arg) if p not in NOT_CONSTRAINTS]
        if len(checks) != 1 or checks[0][0] != SH + "hasValue":
            return None
        path, value = self.path(arg), checks[0][1]
        known = self.fact_subjects(path, value)
        return [f"GRAPH ?g {{ ?value {iri(path)} {term(value)} }}"] + (
            [f"VALUES ?value {{ {' '.join(map(iri, known))} }}"] if known else [])

    @staticmethod
    def targets_table(targets: tuple[str, ...]) -> str:
        """Every (?g, ?this) target, as a subquery: what a hash join reads whole."""
        return (f"{{ SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ "
                f"{Compiler.target_pattern(targets)} }} }} }}")

    @staticmethod
    def target_pattern(targets: tuple[str, ...]) -> str:
        """?this is an instance of a target class: rdf:type/rdfs:subClassOf*, written
        as a union so that the direct types are an index scan."""
        classes = f"VALUES ?target {{ {' '.join(map(iri, targets))} }}"
        return (f"{{ {classes} ?this <{RDF_TYPE}> ?target }} UNION "
                f"{{ {classes} ?sub <{SUBCLASS}>+ ?target . ?this <{RDF_TYPE}> ?sub }}")

    @staticmethod
    def select(variables: str, where: str) -> str:
        """A SELECT of distinct rows, in any graph: check_rows keeps kinmap's review
        graphs only. (A FILTER on STR(?g) in the query cost Oxigraph a string lookup
        for every target it read, before the anti-join: half of some checks' time.)"""
        return f"SELECT DISTINCT {variables} WHERE {{ {where} }}"

    def make(self, node: Any, path: str | None, parameter: str, arg: Any,
             targets: tuple[str, ...], query: str, covers: list,
             find: str | None = None, then: str | None = None) -> Check:
        component = parameter[len(SH):]
        component = component[0].upper() + component[1:]
        message = self.value(node, SH + "message")
        text = str(message) if message else default_message(component, arg)
        return Check(self.name(self.owner(node)), path, component, query, text,
                     find, then, tuple(covers), targets, arg)

    def owner(self, node: Any) -> Any:
        """The named shape a property shape belongs to (itself for a named shape)."""
        from rdflib import BNode
        if isinstance(node, BNode):
            for shape in self.shapes.subjects(None, node):
                return shape
        return node

    def sparql_check(self, shape: Any, constraint: Any, targets: tuple[str, ...]) -> Check:
        message = str(self.value(constraint, SH + "message") or "")
        select = " ".join(str(self.value(constraint, SH + "select") or "").split())
        twin = SPARQL_TWINS.get(message)
        if twin is None or " ".join(twin[0].split()) != select:
            raise UnsupportedShape(
                f"shapes.ttl: {self.name(shape)}: the SPARQL constraint {message!r} has no "
                "store-wide twin (or its query changed): write one in "
                "kinmap/graph/shape_queries.py, SPARQL_TWINS")
        covers = [(shape, SH + "sparql")] + [(constraint, str(p)) for p, _ in
                                               self.shapes.predicate_objects(constraint)]
        found = f"?g ?this {twin[2]}".strip()
        where = (f"{{ SELECT {found} WHERE {{ {twin[1](self)} }} }} "
                 f"{self.targets_table(targets)}")
        return Check(self.name(shape), None, "SPARQL", self.select(found, where), message,
                     None, None, tuple(covers), targets, constraint)


def default_message(component: str, arg: Any) -> str:
    """What is wrong and how to fix it, for a constraint without its own sh:message."""
    what = short(str(arg)) if arg is not None else ""
    return {
        "MinCount": f"missing: give it {'a value' if str(arg) == '1' else f'{arg} values'}",
        "MaxCount": f"more than {'one value' if str(arg) == '1' else f'{arg} values'}: "
                    f"keep {'one' if str(arg) == '1' else arg}",
        "Class": f"{{value}} is not a {what} of this review: refer to one",
        "Datatype": f"{{value}} is not a {what}: write it as one",
        "Pattern": f"{{value}} does not match {str(arg)!r}: use lower-case letters, "
                   "digits, - and _",
        "MinLength": f"{{value}} is shorter than {arg} character(s)",
        "MinInclusive": f"{{value}} is below {arg} (or not a number)",
        "MaxInclusive": f"{{value}} is above {arg} (or not a number)",
        "Node": "{value} is not an allowed value here",
        "Or": "{value} is not an allowed value here",
        "HasValue": f"lacks the value {what}",
    }.get(component, "breaks a shape")


PREFIXES = {"km:": KM, "kmv:": "https://w3id.org/kinmap/vocab/",
            "kms:": "https://w3id.org/kinmap/shapes#", "xsd:": XSD, "skos:": SKOS,
            "dcterms:": "http://purl.org/dc/terms/", "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
            "oa:": "http://www.w3.org/ns/oa#", "prov:": "http://www.w3.org/ns/prov#", "sh:": SH}


def short(text: str) -> str:
    for prefix, base in PREFIXES.items():
        if text.startswith(base):
            return prefix + text[len(base):]
    return text


# ---------------------------------------------------------------- SPARQL constraints

def _service_of_another_kind(compiler: Compiler) -> str:
    pairs = sorted((str(s), str(o)) for s, _, o in compiler.facts.triples(
        (None, _uri(SKOS + "broadMatch"), None)))
    table = " ".join(f"(<{s}> <{o}>)" for s, o in pairs)
    # Each part a subquery, joined by hashing, and what may be left out as anti-joins
    # (a FILTER NOT EXISTS over the table read every pair again for each agency: 1.8 s
    # of CPU at 200 reviews). Every variable is bound, so MINUS removes exactly what
    # NOT EXISTS did.
    return (f"{{ SELECT ?g ?this ?svc WHERE {{ GRAPH ?g {{ "
            f"?this (<{KM}service>|<{KM}inferredService>) ?svc }} }} }} "
            f"{{ SELECT ?g ?this ?kind WHERE {{ GRAPH ?g {{ ?this <{KM}agencyKind> ?kind }} }} }} "
            f"MINUS {{ GRAPH ?g {{ ?svc <{SKOS}broadMatch> ?kind }} }} "
            f"MINUS {{ VALUES (?svc ?kind) {{ {table} }} }}")


def _uri(text: str) -> Any:
    from rdflib import URIRef
    return URIRef(text)


#: The shapes' SPARQL constraints (sh:sparql), by message: the query as written in
#: shapes.ttl (pyshacl runs it on one review graph with the concepts), the body of
#: its store-wide twin (binding ?g, the review's graph, and ?this, then joined to
#: the shape's targets; the concepts written in), and the variables it returns for
#: the message.
SPARQL_TWINS: dict[str, tuple[str, Callable[[Compiler], str], str]] = {
    "the service {?svc} belongs to another agency kind than {?kind}": (
        """SELECT $this ?svc ?kind WHERE {
            $this (km:service|km:inferredService) ?svc ; km:agencyKind ?kind .
            FILTER NOT EXISTS { ?svc skos:broadMatch ?kind } }""",
        _service_of_another_kind, "?svc ?kind"),
    "an agency has a given service or an inferred one, not both": (
        """SELECT $this WHERE { $this (km:service) ?given ; (km:inferredService) ?inferred }""",
        lambda compiler: (f"{{ SELECT ?g ?this WHERE {{ "
                          f"GRAPH ?g {{ ?this <{KM}service> ?given }} }} }} "
                          f"{{ SELECT ?g ?this WHERE {{ GRAPH ?g {{ "
                          f"?this <{KM}inferredService> ?inferred }} }} }}"),
        ""),
}


@lru_cache(maxsize=1)
def shape_checks() -> tuple[Check, ...]:
    """Every check of shapes.ttl (compiled once a process)."""
    from rdflib import Graph
    from ..ontology import SHAPES_FILE
    from .shacl import _concepts
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    facts = Graph().parse(data=_concepts(), format="nt")
    return tuple(Compiler(shapes, facts).checks())


MESSAGE_VARIABLE = re.compile(r"\{\?(\w+)\}|\{value\}")


# ---------------------------------------------------------------- running the checks

def shown(node: Any) -> str:
    """A value as a problem line names it: a short IRI, a quoted text, a blank node."""
    from pyoxigraph import BlankNode, Literal
    from .shacl import _short
    if node is None:
        return "(none)"
    if isinstance(node, BlankNode):
        return "a blank node"
    if isinstance(node, Literal):
        text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        datatype = node.datatype.value
        kind = f"@{node.language}" if node.language else "" \
            if datatype == XSD + "string" else f" ({short(datatype)})"
        return f"{text!r}{kind}"
    return _short(node.value)


def violation(check: Check, row: dict[str, Any]) -> Any:
    """One answer row of a check as a Violation: review id, element, path, message."""
    from ..ontology import review_id_of_graph
    from .shacl import Violation, _short
    graph, focus = row.get("g"), row.get("this")
    review = review_id_of_graph(graph.value) if graph is not None else None

    def fill(found: re.Match) -> str:
        return shown(row.get(found.group(1) or "value"))
    return Violation(review or "?", _short(focus.value) if isinstance(focus, NamedNode)
                     else shown(focus), short(check.path) if check.path else None,
                     MESSAGE_VARIABLE.sub(fill, check.message))


def store_violations(store: Any, checks: tuple[Check, ...] | None = None,
                     jobs: int = 2, *, screened: bool = True) -> list[Any]:
    """Every SHACL violation in the store's reviews, sorted by review, element, path.

    The checks run `jobs` at a time: Oxigraph evaluates a query outside Python's
    lock (pyoxigraph releases it while a query runs and while its answer is read),
    and a server answers several requests at once. With `screened`, groups of
    checks run only where a cheaper screen does not clear them (shape_plan.py);
    without, each check runs alone. What is held in memory is the violations
    found, never the store's triples.
    """
    from concurrent.futures import ThreadPoolExecutor

    from .shape_plan import Unit, plan, unit_violations
    checks = shape_checks() if checks is None else checks
    units = plan(checks) if screened else [Unit((check,)) for check in checks]
    found = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for part in pool.map(lambda unit: unit_violations(store, unit), units):
            found.extend(part)
    return sorted(found, key=lambda v: (v.review, v.focus, v.path or "", v.message))


def in_review_graph(graph: Any) -> bool:
    """Whether an answer's ?g is one of kinmap's review graphs (the others are not checked)."""
    return isinstance(graph, NamedNode) and graph.value.startswith(GRAPH_IRI)


#: Rows a second step places at once (a VALUES block of this many rows).
PLACED_AT_ONCE = 2000


def check_rows(store: Any, check: Check, *, in_one_query: bool = False,
               found: Any = None):
    """The answer rows (variable -> term) of one check: its two steps, or its one query.

    `found` is the answer of the first step when it was already asked."""
    from pyoxigraph import BlankNode

    def rows(query: str):
        result = store.select(query)
        return [dict(zip(result.columns, row)) for row in result.rows
                if in_review_graph(row[result.columns.index("g")])]
    if in_one_query or check.find is None or check.then is None:
        yield from rows(check.query)
        return
    found = store.select(check.find) if found is None else found
    if not found.rows:
        return
    if any(isinstance(t, BlankNode) for row in found.rows for t in row):
        # a VALUES block cannot name a blank node: the whole check in one query
        yield from rows(check.query)
        return
    head = " ".join(f"?{c}" for c in found.columns)
    for start in range(0, len(found.rows), PLACED_AT_ONCE):
        block = " ".join("(" + " ".join(str(t) for t in row) + ")"
                         for row in found.rows[start:start + PLACED_AT_ONCE])
        yield from rows(check.then.replace("#ROWS#", f"VALUES ({head}) {{ {block} }}"))
