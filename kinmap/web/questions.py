"""Questions: the named queries as forms, answers as tables or CSV, and read-only SPARQL."""
from __future__ import annotations

import io

from flask import Blueprint, Response, abort, render_template, request

from ..errors import KinmapError
from .app import bench

pages = Blueprint("questions", __name__)


def _options():
    from ..graph.queries import Options
    review = request.args.get("review") or None
    kind = request.args.get("kind") or None
    try:
        least = max(1, int(request.args.get("min", "3")))
    except ValueError:
        least = 3
    return Options(review, kind, least, request.args.get("detail") == "1")


@pages.get("/questions")
def questions():
    from ..graph.queries import QUERIES
    return render_template("questions.html", queries=QUERIES.values())


@pages.get("/questions/<name>")
def question(name: str):
    from ..graph.queries import QUERIES, run_query
    from ..vocab import MEETING_KIND
    if name not in QUERIES:
        abort(404)
    options = _options()
    table, error, reviews = None, None, []
    wb = bench()
    if wb.has_store():
        with wb.reading() as store:
            reviews = store.review_ids()
            try:
                table = run_query(store, name, options)
            except KinmapError as problem:
                error = str(problem)
    else:
        error = "the store is empty: load a review first"
    if request.args.get("format") == "csv":
        if table is None:
            raise KinmapError(error or "no answer")
        from ..output import write_rows
        out = io.StringIO()
        write_rows(table.columns, table.rows, "csv", out)
        return Response(out.getvalue(), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"'})
    return render_template("query.html", query=QUERIES[name], table=table, error=error,
                           options=options, reviews=reviews, meeting_kinds=MEETING_KIND,
                           args=request.args)


@pages.route("/sparql", methods=["GET", "POST"])
def sparql():
    """A read-only query, as `kinmap sparql` runs it: updates and SERVICE refused."""
    from ..graph.sparql import run_sparql
    from ..graph.store import term_value
    text = request.form.get("query", "") if request.method == "POST" else \
        "SELECT ?g (COUNT(?p) AS ?people) WHERE { GRAPH ?g { ?p a km:Person } } GROUP BY ?g"
    answer, error = None, None
    if request.method == "POST":
        try:
            with bench().reading() as store:
                found = run_sparql(store, text, allow_service=False)
            if isinstance(found, bool):
                answer = (["answer"], [("true" if found else "false",)])
            elif isinstance(found, list):
                answer = (["triple"], [(str(t),) for t in found[:5000]])
            else:
                answer = (found.columns, [tuple(term_value(t) for t in row)
                                          for row in found.rows[:5000]])
        except KinmapError as problem:
            error = str(problem)
    return render_template("sparql.html", text=text, answer=answer, error=error)
