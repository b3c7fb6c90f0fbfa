"""The library: the reviews in the store, each with its views, elements and exports."""
from __future__ import annotations

import io

from flask import Blueprint, Response, abort, g, render_template, request

from ..drafts import label_of
from ..model import SECTIONS
from .app import bench

pages = Blueprint("library", __name__)

#: The library's columns, and what each sorts by.
COLUMNS = {"id": "review", "title": "title", "type": "type", "partnership": "partnership",
           "published": "date", "people": "people", "elements": "elements"}


def review_rows(store) -> list[dict]:
    """Every review with type, partnership, date and counts, from the store."""
    from ..graph.store import PREFIXES, term_value
    from ..ontology import review_id_of_graph

    extra = {}
    result = store.select(PREFIXES + """SELECT ?g ?partnership ?published WHERE {
  GRAPH ?g { ?g km:describes ?r .
    OPTIONAL { ?r km:partnership ?partnership } OPTIONAL { ?r km:published ?published } } }""")
    for graph, partnership, published in result.rows:
        extra[review_id_of_graph(graph.value)] = (term_value(partnership), term_value(published))
    rows = []
    for s in store.summaries():
        partnership, published = extra.get(s.id, (None, None))
        rows.append({"id": s.id, "title": s.title or "", "type": s.type or "",
                     "partnership": partnership or "", "published": str(published or ""),
                     "people": s.people, "elements": s.elements})
    return rows


@pages.get("/")
def index():
    wb = bench()
    rows: list[dict] = []
    if wb.has_store():
        with wb.reading() as store:
            rows = review_rows(store)
    search = request.args.get("q", "").strip()
    if search:
        words = search.lower().split()
        rows = [r for r in rows if all(w in " ".join(str(v) for v in r.values()).lower()
                                       for w in words)]
    sort = request.args.get("sort", "id")
    sort = sort if sort in COLUMNS else "id"
    descending = request.args.get("desc") == "1"
    rows.sort(key=lambda r: (r[sort] if isinstance(r[sort], int) else str(r[sort]).lower()),
              reverse=descending)
    documents = _documents()
    return render_template("library.html", rows=rows, columns=COLUMNS, sort=sort,
                           desc=descending, search=search, drafts=wb.drafts.summaries(),
                           documents=documents)


def _documents() -> list[str]:
    """The review documents of --documents, by name."""
    from ..loaders.documents import DOCUMENT_SUFFIXES
    folder = bench().settings.documents
    if folder is None or not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file()
                  and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith("."))


def _views() -> list[tuple[str, str]]:
    """The views a review page embeds: (name, title); a timeline when the library has one."""
    from ..exports import views
    found = [("genogram", "Genogram"), ("ecomap", "Ecomap")]
    if hasattr(views, "timeline_html"):
        found.append(("timeline", "Timeline"))
    found.append(("network", "Network"))
    return found


@pages.get("/reviews/<review_id>")
def review(review_id: str):
    from ..exports import format_names, get_writer
    from ..graph.queries import Options, run_query

    with bench().reading() as store:
        casemap = store.casemap(review_id)
        chronology = run_query(store, "chronology", Options(review=review_id))
    sections = [(name, [(label_of(e), e) for e in getattr(casemap, name)]) for name in SECTIONS]
    return render_template("review.html", casemap=casemap, sections=sections,
                           views=_views(), writers=[(n, get_writer(n)) for n in format_names()],
                           chronology=chronology)


@pages.get("/reviews/<review_id>/view/<kind>")
def view(review_id: str, kind: str):
    """A view of the library, as it draws it, for a sandboxed frame."""
    from ..exports import views
    if kind not in dict(_views()):
        abort(404)
    with bench().reading() as store:
        casemap = store.casemap(review_id)
    if kind == "genogram":
        html = views.genogram_html(casemap, cultural=True)
    elif kind == "ecomap":
        html = views.ecomap_html(casemap)
    elif kind == "network":
        html = views.network_html([casemap])
    else:
        html = views.timeline_html(casemap)
    g.view_page = True
    return Response(html, mimetype="text/html")


@pages.get("/reviews/<review_id>/export/<fmt>")
def export(review_id: str, fmt: str):
    from ..exports import format_names, get_writer
    if fmt not in format_names():
        abort(404)
    writer = get_writer(fmt)
    with bench().reading() as store:
        casemap = store.casemap(review_id)
    out = io.BytesIO()
    writer.load()([casemap], out)
    return Response(out.getvalue(), mimetype="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="{review_id}{writer.suffix}"'})
