"""Views of case maps for people: genogram (SVG or HTML), ecomap and network (HTML).

Each takes CaseMaps, so it works the same from a file or from either store.
HTML views are one self-contained file each that works with no network (see
`page`); the SVG genogram is the same drawing as the HTML one.

    write_genogram(casemap, "family.html", cultural=True)
    write_genogram(casemap, "family.svg", pseudonymise=True)
    write_genogram(casemap, "family.svg", pseudonymise=True, show_text=["people.culture"])
    write_ecomap(casemap, "ecomap.html", at="2021-12")
    write_timeline(casemap, "chronology.html")
    write_network(store.casemaps(), "network.html")
    write_overview(store, "overview.html")           # counts across a whole store
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable

from ...errors import KinmapError, UnknownFormat
from ...model import CaseMap

if TYPE_CHECKING:
    from ...graph.store import Store

__all__ = ["write_genogram", "write_ecomap", "write_network", "write_overview",
           "write_store_network", "write_timeline",
           "overview_html", "genogram_svg",
           "genogram_html", "ecomap_svg", "ecomap_html", "network_html", "timeline_svg",
           "timeline_html", "pseudonymise"]


def pseudonymise(casemap: CaseMap, *, number: int | None = None,
                 show_text: Collection[str] = ()) -> CaseMap:
    """A copy with role labels for names, years for dates, and no free text.

    Only what `pseudonyms.SHOWN` allows is kept; `show_text` names free-text
    fields ("people.culture") the user asks to show word for word.
    """
    from .pseudonyms import pseudonymise as run
    return run(casemap, number=number, show_text=show_text)


def _maybe_pseudonymised(casemap: CaseMap, wanted: bool, show_text: Collection[str],
                         number: int | None = None) -> CaseMap:
    if not wanted:
        _no_show_text_without_pseudonymising(show_text)
        return casemap
    return pseudonymise(casemap, number=number, show_text=show_text)


def _no_show_text_without_pseudonymising(show_text: Collection[str]) -> None:
    if show_text:
        raise KinmapError(f"--show-text {next(iter(show_text))} goes with --pseudonymise: "
                          "without it the view shows every field already")


def _suffix(path: str | os.PathLike, allowed: tuple[str, ...], view: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    if suffix not in allowed:
        raise UnknownFormat(f"cannot write a {view} to {os.fspath(path)!r}: name the file "
                            f"{' or '.join('.' + s for s in allowed)}")
    return suffix


def _write(path: str | os.PathLike, text: str) -> Path:
    target = Path(path)
    target.write_text(text, encoding="utf-8")
    return target


def genogram_svg(casemap: CaseMap, *, cultural: bool = False,
                 pseudonymise: bool = False, show_text: Collection[str] = ()) -> str:
    """The genogram as a standalone SVG document (title and key inside)."""
    from .genogram import genogram_drawing
    from .svg import to_string
    cm = _maybe_pseudonymised(casemap, pseudonymise, show_text)
    return to_string(genogram_drawing(cm, cultural=cultural).svg) + "\n"


def genogram_html(casemap: CaseMap, *, cultural: bool = False,
                  pseudonymise: bool = False, show_text: Collection[str] = ()) -> str:
    """The genogram as one offline HTML page: zoom, pan, details with source quotes."""
    from .html_views import genogram_page
    cm = _maybe_pseudonymised(casemap, pseudonymise, show_text)
    return genogram_page(cm, cultural=cultural, pseudonymised=pseudonymise)


def ecomap_svg(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
               pseudonymise: bool = False, show_text: Collection[str] = ()) -> str:
    """The ecomap as a standalone SVG document."""
    from .ecomap import ecomap_drawing
    from .svg import to_string
    cm, centre = _centred(casemap, person, pseudonymise, show_text)
    return to_string(ecomap_drawing(cm, person=centre, at=at).svg) + "\n"


def ecomap_html(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
                pseudonymise: bool = False, show_text: Collection[str] = ()) -> str:
    """The ecomap as one offline HTML page, with a date control when the map has dates."""
    from .html_views import ecomap_page
    cm, centre = _centred(casemap, person, pseudonymise, show_text)
    return ecomap_page(cm, person=centre, at=at, pseudonymised=pseudonymise)


def network_html(casemaps: Iterable[CaseMap], *, pseudonymise: bool = False,
                 show_text: Collection[str] = ()) -> str:
    """People, households and agencies of the given reviews as one offline HTML page."""
    from .network import network_page
    maps = list(casemaps)
    # Reviews drawn together are numbered, so their pseudonymised ids stay apart.
    maps = [_maybe_pseudonymised(cm, pseudonymise, show_text, n if len(maps) > 1 else None)
            for n, cm in enumerate(maps, start=1)]
    return network_page(maps, pseudonymised=pseudonymise)


def timeline_svg(casemap: CaseMap, *, at: str | None = None, pseudonymise: bool = False,
                 show_text: Collection[str] = ()) -> str:
    """The chronology as a standalone SVG document (title and key inside), for print."""
    from .svg import to_string
    from .timeline import timeline_drawing
    cm = _maybe_pseudonymised(casemap, pseudonymise, show_text)
    return to_string(timeline_drawing(cm, at=at).svg) + "\n"


def timeline_html(casemap: CaseMap, *, at: str | None = None, pseudonymise: bool = False,
                  show_text: Collection[str] = ()) -> str:
    """The chronology as one offline HTML page, with a date control when the map has dates."""
    from .html_views import timeline_page
    cm = _maybe_pseudonymised(casemap, pseudonymise, show_text)
    return timeline_page(cm, at=at, pseudonymised=pseudonymise)


def _centred(casemap: CaseMap, person: str | None, pseudo: bool,
             show_text: Collection[str] = ()) -> tuple[CaseMap, str | None]:
    """The case map to draw and its centre person (renamed along with the map)."""
    from .ecomap import centre_of
    found = centre_of(casemap, person)
    centre = found.id if found else None
    if not pseudo:
        _no_show_text_without_pseudonymising(show_text)
        return casemap, centre
    from .pseudonyms import pseudonymise_with_ids
    renamed, ids = pseudonymise_with_ids(casemap, show_text=show_text)
    return renamed, ids.get(centre) if centre else None


def write_genogram(casemap: CaseMap, path: str | os.PathLike, *, cultural: bool = False,
                   pseudonymise: bool = False, show_text: Collection[str] = ()) -> Path:
    """Write the genogram as SVG or HTML, chosen by the file's suffix."""
    if _suffix(path, ("html", "svg"), "genogram") == "svg":
        return _write(path, genogram_svg(casemap, cultural=cultural, pseudonymise=pseudonymise,
                                         show_text=show_text))
    return _write(path, genogram_html(casemap, cultural=cultural, pseudonymise=pseudonymise,
                                      show_text=show_text))


def write_ecomap(casemap: CaseMap, path: str | os.PathLike, *, person: str | None = None,
                 at: str | None = None, pseudonymise: bool = False,
                 show_text: Collection[str] = ()) -> Path:
    """Write the ecomap centred on the subject child (or `person`), as HTML or SVG."""
    if _suffix(path, ("html", "svg"), "ecomap") == "svg":
        return _write(path, ecomap_svg(casemap, person=person, at=at, pseudonymise=pseudonymise,
                                       show_text=show_text))
    return _write(path, ecomap_html(casemap, person=person, at=at, pseudonymise=pseudonymise,
                                    show_text=show_text))


def write_timeline(casemap: CaseMap, path: str | os.PathLike, *, at: str | None = None,
                   pseudonymise: bool = False, show_text: Collection[str] = ()) -> Path:
    """Write the chronology of a review as HTML or SVG, chosen by the file's suffix."""
    if _suffix(path, ("html", "svg"), "chronology") == "svg":
        return _write(path, timeline_svg(casemap, at=at, pseudonymise=pseudonymise,
                                         show_text=show_text))
    return _write(path, timeline_html(casemap, at=at, pseudonymise=pseudonymise,
                                      show_text=show_text))


def write_network(casemaps: Iterable[CaseMap], path: str | os.PathLike, *,
                  pseudonymise: bool = False, show_text: Collection[str] = ()) -> Path:
    """Write the network of one review or many as one offline HTML page."""
    _suffix(path, ("html",), "network")
    return _write(path, network_html(casemaps, pseudonymise=pseudonymise, show_text=show_text))


def overview_html(store: "Store", review_ids: Iterable[str] | None = None, *,
                  pseudonymise: bool = False, command: str = "kinmap") -> str:
    """Kinds of family and agencies across the store's reviews (or these), with counts,
    as one offline HTML page; `command` starts the commands it shows for drilling down."""
    from .overview import overview_page, read_overview
    found, families, _ = read_overview(store, review_ids)
    return overview_page(found, families, pseudonymised=pseudonymise, command=command)


def write_overview(store: "Store", path: str | os.PathLike, *,
                   review_ids: Iterable[str] | None = None, pseudonymise: bool = False,
                   command: str = "kinmap") -> Path:
    """Write the overview of the store's reviews (or of these) as one offline HTML page."""
    _suffix(path, ("html",), "network overview")
    return _write(path, overview_html(store, review_ids, pseudonymise=pseudonymise,
                                      command=command))


def write_store_network(store: "Store", path: str | os.PathLike, *,
                        review_ids: Collection[str] = (), full: bool = False,
                        overview: bool = False, pseudonymise: bool = False,
                        show_text: Collection[str] = (), command: str = "kinmap",
                        warn: Callable[[str], None] = lambda text: None) -> Path:
    """What `kinmap network` writes: the overview over many reviews, else the full network.

    With no `review_ids`, a store of more than `overview.FULL_UP_TO` reviews gets the
    overview; named reviews, `full` or a small store get every person, household and
    agency (`full` over more than `overview.LARGE` reviews is warned of first, through
    `warn`, before the long work starts). `overview` asks for the overview whatever the
    count. Reviews read live for want of stored counts are warned of too.
    """
    from .overview import FULL_UP_TO, LARGE, overview_page, read_overview
    if full and overview:
        raise KinmapError("--full and --overview ask for two different pages: choose one")
    _suffix(path, ("html",), "network")
    ids = list(review_ids)
    if ids:
        missing = sorted(set(ids) - store.present(ids))
        if missing:
            raise KinmapError(f"no review {missing[0]!r} in the store {store.location}; "
                              "`kinmap reviews` lists the ones there")
    count = len(ids) if ids else len(store.review_ids())
    if overview or (not full and not ids and count > FULL_UP_TO):
        if show_text:
            raise KinmapError(f"--show-text {next(iter(show_text))} is for the full network "
                              "(--full): the overview shows kinds and counts, no free text")
        found, families, live = read_overview(store, ids or None)
        if live:
            warn(f"{live} review(s) had no stored counts from this version of kinmap and were "
                 "read live, which is slower; `kinmap reindex` stores them")
        return _write(path, overview_page(found, families, pseudonymised=pseudonymise,
                                          command=command))
    if count > LARGE:
        warn(f"the full network of {count:,} reviews is a page of tens of megabytes that "
             "takes minutes to write and is slow to open; without --full, kinmap network "
             "draws the overview")
    return write_network(store.casemaps(ids or None), path, pseudonymise=pseudonymise,
                         show_text=show_text)


def write_demo_views(casemaps: Iterable[CaseMap], folder: str | os.PathLike) -> list[Path]:
    """One of each view for every review (what `kinmap demo` writes), and one network."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    maps = list(casemaps)
    written = []
    for cm in maps:
        rid = cm.review.id
        written.append(write_genogram(cm, out / f"{rid}-genogram.html", cultural=True))
        written.append(write_genogram(cm, out / f"{rid}-genogram.svg"))
        written.append(write_ecomap(cm, out / f"{rid}-ecomap.html"))
        written.append(write_timeline(cm, out / f"{rid}-timeline.html"))
        written.append(write_timeline(cm, out / f"{rid}-timeline.svg"))
    written.append(write_network(maps, out / "network.html"))
    return written
