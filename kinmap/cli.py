"""The kinmap command line: thin commands over the library.

Data goes to stdout, messages and progress to stderr. Bad input is one line on
stderr and exit status 1; a bad option is a usage error, status 2.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from . import __version__
from .choices import EXPORT_FORMATS, QUERY_NAMES
from .errors import KinmapError
from .output import FORMATS, printable, write_rows

if TYPE_CHECKING:
    from pathlib import Path


class KinmapGroup(click.Group):
    """A group that turns a KinmapError into one line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KinmapError as error:
            click.echo(f"kinmap: error: {printable(str(error))}", err=True)
            ctx.exit(1)


def _store(ctx: click.Context, *, create: bool = False, read_only: bool = False):
    """The store of --store. Commands that only read open it `read_only`: without the
    writer's lock, so they run beside each other and beside a load."""
    from .graph.store import open_store
    return open_store(ctx.obj["store"], create=create, read_only=read_only,
                      timeout=ctx.obj.get("timeout"), **ctx.obj.get("remote", {}))


def _writable(path: str) -> str:
    """An -o path whose folder exists: missing folders are made, as `demo -o` does."""
    from pathlib import Path
    if path != "-":
        _make_folder(Path(path).expanduser().parent, path)
    return path


def _make_folder(folder: Path, path: str) -> Path:
    """`folder` made if missing, or one line saying why it cannot be (`path` as given to -o)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        why = "a file is in the way" if isinstance(
            error, (FileExistsError, NotADirectoryError)) else error.strerror or error
        raise KinmapError(f"-o {path}: cannot make the folder {folder} ({why}); "
                          "choose another place") from None
    return folder


def _output(path: str, mode: str = "wb"):
    """A stream for -o; '-' is stdout, which is left open afterwards."""
    return click.open_file(_writable(path), mode, encoding=None if "b" in mode else "utf-8")


class SuggestingChoice(click.Choice):
    """A choice that answers a near miss with "did you mean ...?"."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            import difflib
            near = difflib.get_close_matches(str(value).lower(),
                                             [str(c) for c in self.choices], n=1)
            if near:
                error.message = f"{error.message.rstrip('.')}. Did you mean {near[0]!r}?"
            raise


def _progress(quiet: bool):
    """A progress bar on stderr for long lists of work, unless --quiet."""
    def progress(items: list, label: str):
        if quiet or len(items) < 5:
            yield from items
            return
        status = getattr(items, "status", None)  # e.g. reviews loaded so far
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=bool(status),
                               item_show_func=status and (lambda _: status())) as bar:
            yield from bar
    return progress


jobs_option = click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                           help="Work on N files at once, in N worker processes "
                                "(1: all in this process). Default: the machine's cores "
                                "(one process for under 1 MB of input).")


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS),
                             default="table", show_default=True,
                             help="How to print the rows.")


@click.group(cls=KinmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="KINMAP_STORE", metavar="PATH|URL",
              help="The store: a folder (embedded, made on first load) or the URL of a "
                   "SPARQL 1.1 server. Default: $KINMAP_STORE, else "
                   "~/.local/share/kinmap/store.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), envvar="KINMAP_TIMEOUT",
              metavar="SECONDS", help="How long a store server may stay silent before "
              "kinmap gives up. Default: $KINMAP_TIMEOUT, else 30.")
@click.option("--store-profile", type=click.Choice(["oxigraph", "fuseki", "graphdb",
                                                   "virtuoso"]),
              envvar="KINMAP_STORE_PROFILE", help="Where a store server keeps its query and "
              "update endpoints below --store. Default: $KINMAP_STORE_PROFILE, else oxigraph "
              "(URL/query, URL/update). Credentials come from $KINMAP_STORE_USER and "
              "$KINMAP_STORE_PASSWORD.")
@click.option("--store-query", envvar="KINMAP_STORE_QUERY", metavar="URL",
              help="The server's SPARQL query endpoint, if not where the profile says.")
@click.option("--store-update", envvar="KINMAP_STORE_UPDATE", metavar="URL",
              help="The server's SPARQL update endpoint, if not where the profile says.")
@click.version_option(__version__, prog_name="kinmap")
@click.pass_context
def cli(ctx: click.Context, store: str | None, timeout: float | None,
        store_profile: str | None, store_query: str | None, store_update: str | None) -> None:
    """Safeguarding practice reviews as a knowledge graph of children, families and agencies.

    Example: kinmap --store reviews-store load examples/ && kinmap --store reviews-store stats

    Example: KINMAP_STORE_USER=kinmap KINMAP_STORE_PASSWORD=... kinmap --store
    http://host:8890 --store-profile virtuoso stats
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store
    ctx.obj["timeout"] = timeout
    ctx.obj["remote"] = {"profile": store_profile, "query_url": store_query,
                         "update_url": store_update}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@jobs_option
@click.pass_context
def load(ctx: click.Context, paths: tuple[str, ...], quiet: bool, jobs: int | None) -> None:
    """Load case maps, RDF or review documents (files or folders) into the store.

    Case maps (YAML) and kinmap's RDF exports load as they are; review documents
    (text, Markdown, HTML, PDF, Word) are drafted by the extractor first (see
    `kinmap extract`). Each file loads atomically; a review already in the store
    is replaced, unless it was drafted from another document (its id is then taken,
    and the file is refused). A broken file is reported and changes nothing; the other files
    still load, and the exit status is 1.

    Example: kinmap load examples/ ../shared/gold/002_1536295c29ff4cc2.yaml
    """
    from .graph.load import load_files

    report = load_files(lambda: _store(ctx, create=True), paths, progress=_progress(quiet),
                        jobs=jobs)
    for _path, error in report.failed:
        click.echo(f"kinmap: error: {printable(str(error))}", err=True)
    click.echo(report.summary(), err=True)
    if report.failed or not report.loaded:
        ctx.exit(1)


@cli.command()
@click.argument("documents", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the drafted case maps (made if missing).")
@click.option("--explain", is_flag=True, help="Also print, per element, the rule that fired.")
@jobs_option
def extract(documents: tuple[str, ...], out_dir: str, explain: bool, jobs: int | None) -> None:
    """Draft a case map from each review document (text, Markdown, HTML, PDF, Word).

    Writes DIR/<document name>.yaml, a draft for a reviewer to correct and then
    load. A document that cannot be read is reported; the others still go on.

    Example: kinmap extract reviews/000_child-q.pdf -o drafts/ --explain
    """
    from pathlib import Path

    from .extract_files import extract_files

    report = extract_files(documents, Path(out_dir), jobs=jobs,
                           explain=explain)
    for path, written, hits in report.written:
        click.echo(f"{path} -> {written}", err=True)
        if explain:
            rows = [(h.section, h.element, h.rule, h.quote) for h in hits]
            write_rows(("section", "element", "rule", "quote"), rows, "table", sys.stdout)
    for path, error in report.failed:
        click.echo(f"kinmap: error: {printable(str(error))}", err=True)
    click.echo(report.summary(), err=True)
    if report.failed or not report.written:
        raise SystemExit(1)


@cli.command()
@format_option
@click.pass_context
def reviews(ctx: click.Context, fmt: str) -> None:
    """List the reviews in the store.

    Example: kinmap reviews --format csv
    """
    from .graph.kept import REVIEWS_COLUMNS, kept_text

    with _store(ctx, read_only=True) as store:
        text = kept_text(store, "reviews", fmt)  # as the writer kept it, if current
        summaries = store.summaries() if text is None else []
    if text is not None:
        sys.stdout.write(text)
        return
    rows = ((s.id, s.type, s.people, s.elements, s.source, s.title) for s in summaries)
    write_rows(REVIEWS_COLUMNS, rows, fmt, sys.stdout)


@cli.command()
@format_option
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count what the store holds: reviews, people, agencies, meetings, quotes...

    Example: kinmap stats --format json
    """
    from .graph.kept import STATS_COLUMNS, kept_text

    with _store(ctx, read_only=True) as store:
        text = kept_text(store, "stats", fmt)  # as the writer kept it, if current
        counts = store.stats() if text is None else {}
    if text is not None:
        sys.stdout.write(text)
        return
    write_rows(STATS_COLUMNS, list(counts.items()), fmt, sys.stdout)


@cli.command()
@click.argument("review_ids", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, review_ids: tuple[str, ...]) -> None:
    """Remove reviews from the store by id.

    Example: kinmap remove riverside-child-m
    """
    from .graph.kept import keep_after_writing

    missing = []
    with _store(ctx) as store:
        for rid in review_ids:
            if store.remove(rid):
                click.echo(f"removed {rid}", err=True)
            else:
                missing.append(rid)
        if len(missing) < len(review_ids):
            keep_after_writing(store)
    if missing:
        raise KinmapError(f"no review {', '.join(map(repr, missing))} in the store; "
                          "`kinmap reviews` lists the ones there")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="With no PATH: run N of the store's checks at once. Default: the "
                   "machine's cores. Each check at once needs its own working memory in "
                   "the store: on a store of thousands of reviews, --jobs 1 takes about "
                   "half the memory and longer.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], jobs: int | None) -> None:
    """Check case maps (or, with no PATH, the reviews in the store): format rules and SHACL.

    Prints every problem, one a line, and exits 1 if there is any.

    Example: kinmap validate examples/ ../shared/gold/
    """
    from .validation import validate_files, validate_store

    if paths:
        checked, problems = validate_files(paths)
    else:
        with _store(ctx, read_only=True) as store:
            checked, problems = validate_store(store, jobs=jobs)
    for problem in problems:
        click.echo(problem)
    click.echo(f"{checked} review(s) checked, {len(problems)} problem(s)", err=True)
    if problems:
        ctx.exit(1)


def pseudonymise_option(command):
    """--pseudonymise, and --show-text for free text the user has checked is safe to show."""
    command = click.option(
        "--show-text", "show_text", multiple=True, metavar="SECTION.KEY",
        help="With --pseudonymise: show this free-text field word for word, once you have "
             "checked it names no one, e.g. people.culture (repeat for several).")(command)
    return click.option(
        "--pseudonymise", is_flag=True,
        help="For learning events: role labels instead of names, years instead of dates, "
             "no free text of the case map (labels, culture, quotes, notes).")(command)


def _wrote(path) -> None:
    click.echo(f"kinmap: wrote {path}", err=True)


@cli.command()
@click.option("--format", "fmt", type=SuggestingChoice(EXPORT_FORMATS, case_sensitive=False),
              required=True, help="The output format.")
@click.option("--review", "review_ids", multiple=True, metavar="ID",
              help="Only this review (repeat for several). Default: every review.")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write; - is stdout. A folder for neo4j.")
@pseudonymise_option
@click.pass_context
def export(ctx: click.Context, fmt: str, review_ids: tuple[str, ...], output: str,
           pseudonymise: bool, show_text: tuple[str, ...]) -> None:
    """Write reviews from the store as RDF, a network, a family tree or case map YAML.

    Formats: ttl, trig, nt, nq, jsonld (RDF); graphml, gexf (the network, for
    Gephi or yEd; GEXF with dates for Gephi's timeline); gedcom, gedcom551 (the
    families, for Gramps and genogram software); neo4j (a folder of CSV files
    for neo4j-admin import, and a Cypher script); casemap (YAML a reviewer can
    edit and load again). --pseudonymise works with every format.

    Example: kinmap export --format gedcom --review riverside-child-m --pseudonymise -o m.ged
    """
    from .exports import casemaps_to_export, get_writer

    writer = get_writer(fmt)
    if show_text and not pseudonymise:
        raise click.UsageError("--show-text goes with --pseudonymise")
    if writer.folder and output == "-":
        raise click.UsageError(f"--format {fmt} writes a folder of files: give it with -o DIR")
    with _store(ctx, read_only=True) as store:
        casemaps = casemaps_to_export(store, review_ids, pseudonymise=pseudonymise,
                                      show_text=show_text)
        if not writer.streams:  # the others need every review at once
            casemaps = list(casemaps)
        if writer.folder:
            _wrote(writer.load()(casemaps, _folder(output)))
            return
        with _output(output) as out:
            writer.load()(casemaps, out)


def _folder(path: str) -> Path:
    """An -o folder, made if missing."""
    from pathlib import Path
    return _make_folder(Path(path).expanduser(), path)


@cli.command()
@click.argument("name", required=False, type=SuggestingChoice(QUERY_NAMES))
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@click.option("--review", metavar="ID", help="Only this review. Default: the whole store.")
@click.option("--kind", metavar="KIND", help="absent-agencies: the meeting kind "
              "(default strategy_meeting; 'any' for every kind).")
@click.option("--min", "min_agencies", type=click.IntRange(1), default=3, show_default=True,
              help="known-to: the least number of agencies.")
@click.option("--detail", is_flag=True, help="Over the whole store, list every row "
              "instead of the summary (absent-agencies, missed-sharing).")
@click.option("--by", type=click.Choice(["label", "kind", "service", "partnership"]),
              help="absent-agencies, missed-sharing, known-to: over the whole store, count "
              "by agency as named, agency kind, service (given or inferred) or the review's "
              "partnership.")
@click.option("--service", metavar="SERVICE", help="absent-agencies, missed-sharing, known-to: "
              "only agencies of this service (e.g. gp_practice; 'no service' for none).")
@format_option
@click.option("-o", "--output", default="-", show_default=True, help="File to write; - is stdout.")
@click.pass_context
def query(ctx: click.Context, name: str | None, list_queries: bool, review: str | None,
          kind: str | None, min_agencies: int, detail: bool, by: str | None,
          service: str | None, fmt: str, output: str) -> None:
    """Run one of the analysts' named queries over a review or the whole store.

    Every answer names the review, and the quote behind it where there is one.

    Example: kinmap query absent-agencies --review riverside-child-m --format csv

    Example: kinmap query absent-agencies --by service --service gp_practice
    """
    if list_queries or name is None:
        from .graph.queries import QUERIES
        rows = [(q.name, q.description) for q in QUERIES.values()]
        write_rows(("query", "description"), rows, "table" if fmt == "table" else fmt,
                   sys.stdout)
        return
    from .graph.kept import kept_query_text

    options = dict(review=review, kind=kind, min_agencies=min_agencies, detail=detail, by=by,
                   service=service)
    with _store(ctx, read_only=True) as store:
        # the writer keeps the store-wide answers as printed: one value to read
        text = kept_query_text(store, name, options, fmt)
        if text is not None:
            with _output(output, "w") as out:
                out.write(text)
            return
        if _streamed_listing(store, name, options, fmt, output):
            return
        from .graph.queries import Options, run_query
        table = run_query(store, name, Options(**options))
    for note in table.notes:
        click.echo(f"kinmap: note: {note}", err=True)
    with _output(output, "w") as out:
        write_rows(table.columns, table.rows, fmt, out)


def _streamed_listing(store, name: str, options: dict, fmt: str, output: str) -> bool:
    """A listing (chronology, decisions) over the whole store, copied from the file the
    writer kept or written as each review's stored text is read (graph/listings.py);
    False when it is not one."""
    from .graph.listings import print_listing, streams
    if not streams(name, options):
        return False
    with _output(output, "wb") as out:
        notes = print_listing(store, name, fmt, out)
    for note in notes:
        click.echo(f"kinmap: note: {note}", err=True)
    return True


@cli.command("same-person")
@click.argument("people", nargs=-1, metavar="[REVIEW/PERSON REVIEW/PERSON]")
@click.option("--remove", is_flag=True, help="Take the link back.")
@click.option("--list", "list_links", is_flag=True, help="List every link.")
@format_option
@click.pass_context
def same_person(ctx: click.Context, people: tuple[str, ...], remove: bool, list_links: bool,
                fmt: str) -> None:
    """Say that two people, in two reviews or one, are the same person.

    Reviews are pseudonymised, so kinmap never guesses this; an analyst who
    knows says it here. interconnected-families then joins their households
    across reviews. People are named REVIEW/PERSON with the case maps' ids.

    Example: kinmap same-person review-a/father review-b/mr-d
    """
    from .graph import identity

    if list_links:
        gone = "(not in the store)"
        with _store(ctx, read_only=True) as store:
            pairs = identity.links(store)
            names = identity.labels(store, [iri for pair in pairs for iri in pair])
        rows = [(identity.reference(a), names[a] or gone, identity.reference(b),
                 names[b] or gone) for a, b in pairs]
        write_rows(("person", "label", "sameAs", "sameAsLabel"), rows, fmt, sys.stdout)
        return
    if len(people) != 2:
        raise click.UsageError("name two people, REVIEW/PERSON REVIEW/PERSON (or --list)")
    with _store(ctx) as store:
        if remove:
            done = identity.unlink(store, *people)
            said = "removed the link" if done else "there was no link"
        else:
            done = identity.link(store, *people)
            said = "linked" if done else "already linked"
        if done:
            from .graph.kept import keep_after_writing
            keep_after_writing(store, only=["interconnected-families"])
    click.echo(f"{said}: {people[0]} = {people[1]}", err=True)


@cli.command()
@click.argument("review_ids", nargs=-1)
@click.option("--all", "everything", is_flag=True,
              help="Work out every review's answers again, even current ones.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def reindex(ctx: click.Context, review_ids: tuple[str, ...], everything: bool,
            quiet: bool) -> None:
    """Store the named queries' answers again for reviews that lack current ones.

    kinmap works out each review's answers when it loads it; store-wide queries
    read them. Reviews loaded by an older kinmap or written to a shared server by
    another tool have none, and are read live (slower) until reindexed. Default:
    every review whose stored answers are missing or out of date.

    Example: kinmap reindex
    """
    from .graph.queries.stored import reindex as store_answers

    with _store(ctx) as store:
        missing = sorted(set(review_ids) - store.present(list(review_ids)))
        if missing:
            raise KinmapError(f"no review {', '.join(map(repr, missing))} in the store; "
                              "`kinmap reviews` lists the ones there")
        done = store_answers(store, review_ids or None, everything=everything,
                             progress=_progress(quiet))
        from .graph.kept import keep_after_writing
        keep_after_writing(store, _progress(quiet))
    click.echo(f"stored the answers of {len(done)} review(s)", err=True)


@cli.command()
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to a value: <iri>, a number or text (repeatable). Values "
                   "are bound as RDF terms, never pasted into the query.")
@click.option("--allow-service", is_flag=True, help="Let the query call other servers "
              "(SERVICE clauses); refused otherwise, as they send data off this machine.")
@format_option
@click.option("-o", "--output", default="-", show_default=True, help="File to write; - is stdout.")
@click.pass_context
def sparql(ctx: click.Context, source, params: tuple[str, ...], allow_service: bool, fmt: str,
           output: str) -> None:
    """Run a read-only SPARQL query from FILE (or - for stdin) over the store.

    Each review is a named graph: use GRAPH ?g { ... }. kinmap's prefixes (km:,
    kmv:, rdfs:, dcterms:, prov:, oa:, skos:) are declared for you. Updates are
    refused, and so are SERVICE clauses unless --allow-service.

    Example: echo 'SELECT ?g (COUNT(?p) AS ?n) WHERE { GRAPH ?g { ?p a km:Person } } GROUP BY ?g'
    | kinmap sparql -
    """
    from .graph.sparql import parse_parameter, run_sparql
    from .graph.store import term_value

    bound = dict(parse_parameter(p) for p in params)
    with _store(ctx, read_only=True) as store:
        answer = run_sparql(store, source.read(), bound, allow_service=allow_service)
    with _output(output, "w") as out:
        if isinstance(answer, bool):
            out.write(("true" if answer else "false") + "\n")
        elif isinstance(answer, list):
            out.writelines(f"{triple} .\n" for triple in answer)
        else:
            write_rows(answer.columns, [tuple(term_value(t) for t in row)
                                        for row in answer.rows], fmt, out)


@cli.command()
@click.argument("review_id", metavar="REVIEW")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (interactive, works offline) or FILE.svg (static, for print).")
@click.option("--cultural", is_flag=True, help="Show culture, religion and language.")
@pseudonymise_option
@click.pass_context
def genogram(ctx: click.Context, review_id: str, output: str, cultural: bool,
             pseudonymise: bool, show_text: tuple[str, ...]) -> None:
    """Draw a review's genogram: households, couples, children, harm and contact.

    Example: kinmap genogram riverside-child-m -o child-m.html --cultural
    """
    from .exports.views import write_genogram

    with _store(ctx, read_only=True) as store:
        casemap = store.casemap(review_id)
    _wrote(write_genogram(casemap, _writable(output), cultural=cultural, pseudonymise=pseudonymise,
                          show_text=show_text))


@cli.command()
@click.argument("review_id", metavar="REVIEW")
@click.option("--person", metavar="ID", help="Put this person at the centre (default: the "
              "subject child).")
@click.option("--at", metavar="DATE", help="Show the ecomap at this date (2021, 2021-06 or "
              "2021-06-14).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (interactive, works offline) or FILE.svg.")
@pseudonymise_option
@click.pass_context
def ecomap(ctx: click.Context, review_id: str, person: str | None, at: str | None,
           output: str, pseudonymise: bool, show_text: tuple[str, ...]) -> None:
    """Draw a child's ecomap: family, agencies and community, with the strength of each tie.

    Agencies absent from a meeting about the child and missed information
    sharing are marked in red.

    Example: kinmap ecomap riverside-child-m --at 2021-12 -o child-m-ecomap.html
    """
    from .exports.views import write_ecomap

    with _store(ctx, read_only=True) as store:
        casemap = store.casemap(review_id)
    _wrote(write_ecomap(casemap, _writable(output), person=person, at=at,
                        pseudonymise=pseudonymise, show_text=show_text))


@cli.command()
@click.argument("review_id", metavar="REVIEW")
@click.option("--at", metavar="DATE", help="Show only what happened up to this date (2021, "
              "2021-06 or 2021-06-14); undated items stay.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (interactive, works offline) or FILE.svg (static, for print).")
@pseudonymise_option
@click.pass_context
def timeline(ctx: click.Context, review_id: str, at: str | None, output: str,
             pseudonymise: bool, show_text: tuple[str, ...]) -> None:
    """Draw a review's chronology: a lane for the family and for each agency, over time.

    Events, meetings (absent agencies marked), decisions with their outcome and
    information sharing (arrows between lanes); undated items in a column of their own.

    Example: kinmap timeline riverside-child-m -o child-m-chronology.html
    """
    from .exports.views import write_timeline

    with _store(ctx, read_only=True) as store:
        casemap = store.casemap(review_id)
    _wrote(write_timeline(casemap, _writable(output), at=at, pseudonymise=pseudonymise,
                          show_text=show_text))


@cli.command()
@click.option("--review", "review_ids", multiple=True, metavar="ID",
              help="Only this review (repeat for several). Default: every review.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (interactive, works offline).")
@click.option("--full", is_flag=True, help="Every person, household and agency even over "
              "many reviews (a large page, slow to open beyond a few hundred reviews).")
@click.option("--overview", is_flag=True, help="The overview (kinds of family and agencies "
              "with counts) even over a few reviews.")
@pseudonymise_option
@click.pass_context
def network(ctx: click.Context, review_ids: tuple[str, ...], output: str, full: bool,
            overview: bool, pseudonymise: bool, show_text: tuple[str, ...]) -> None:
    """Draw the network of people, households and agencies; over a whole store, an overview.

    With no --review and more than 12 reviews in the store, it draws the overview:
    kinds of family and agency kinds across the reviews, with counts, absences from
    strategy meetings, missed information sharing, and the families linked across
    reviews; click one for its reviews and the command that draws a review's own
    network. --full draws every person instead.

    Example: kinmap network -o all-reviews.html

    Example: kinmap network --review riverside-child-m -o child-m-network.html
    """
    from .exports.views import write_store_network
    from .exports.views.overview import store_command

    if full and overview:
        raise click.UsageError("--full and --overview ask for two different pages: choose one")

    def warn(text: str) -> None:
        click.echo(f"kinmap: warning: {text}", err=True)

    with _store(ctx, read_only=True) as store:
        _wrote(write_store_network(store, _writable(output), review_ids=review_ids, full=full,
                                   overview=overview, pseudonymise=pseudonymise,
                                   show_text=show_text,
                                   command=store_command(ctx.obj["store"]), warn=warn))


@cli.command()
@click.option("-o", "--output", default="kinmap-demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write into.")
def demo(output: str) -> None:
    """Load the bundled fictional examples and write views, exports and a report.

    Uses a store of its own inside the folder, never your working store.

    Example: kinmap demo -o /tmp/kinmap-demo
    """
    from pathlib import Path

    from .demo import run_demo

    report = run_demo(Path(output))
    click.echo(report.read_text(encoding="utf-8"))
    click.echo(f"kinmap demo: wrote {Path(output).resolve()} (start with {report.name})",
               err=True)


@cli.command()
@click.option("--store", "serve_store", metavar="PATH|URL",
              help="The store (as `kinmap --store`, which it overrides).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but this machine's own is warned of.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="The port; 0 picks a free one (the address is printed).")
@click.option("--drafts", "drafts_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Where drafts under review are kept. Default: drafts/ beside the store.")
@click.option("--documents", type=click.Path(exists=True, file_okay=False), metavar="DIR",
              help="A folder of review documents to choose from, besides uploading.")
@click.option("--examples", is_flag=True, help="Serve the bundled fictional examples, from "
              "a store of their own in ./kinmap-workbench/ (never your working store).")
@click.option("--max-upload", type=click.IntRange(1, 500), default=20, show_default=True,
              metavar="MB", help="The largest document that may be uploaded.")
@click.pass_context
def serve(ctx: click.Context, serve_store: str | None, host: str, port: int,
          drafts_dir: str | None, documents: str | None, examples: bool,
          max_upload: int) -> None:
    """Start the workbench: a local web page where a reviewer checks drafts against the text.

    Upload a review document, check every drafted element against its sentence
    (accept, edit, delete, or add what is missing by selecting it), then load it
    into the store; browse the reviews and their views; ask the named queries.
    It prints its address and opens nothing else; stop it with Ctrl-C.

    Example: kinmap serve --examples
    """
    from pathlib import Path

    try:
        from .web.app import Settings
        from .web.server import bind_warning, default_drafts, examples_settings, serve as run
    except ImportError as error:
        raise KinmapError(f"the workbench needs the web extra ({error.name} is missing): "
                          "pip install 'kinmap[web]'") from None
    from .graph.store import default_location

    store = serve_store or ctx.obj["store"] or default_location()
    if examples:
        store, drafts = examples_settings(Path("kinmap-workbench").resolve())
    else:
        drafts = default_drafts(store)
    settings = Settings(store=store, drafts=Path(drafts_dir) if drafts_dir else drafts,
                        documents=Path(documents) if documents else None, host=host,
                        port=port, max_upload=max_upload * 1024 * 1024)
    warning = bind_warning(host)
    if warning:
        click.echo(f"kinmap: warning: {warning}", err=True)
    click.echo(f"kinmap serve: store {settings.store}, drafts {settings.drafts}", err=True)
    run(settings, lambda url: click.echo(f"kinmap serve: {url} (Ctrl-C stops it)",
                                         err=True))


def main() -> None:
    """Entry point of the `kinmap` console script."""
    cli(prog_name="kinmap")
