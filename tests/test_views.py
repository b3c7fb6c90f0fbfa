"""The views (genogram, ecomap, network): what they draw, escaping, pseudonymising, layout.

What a reader sees in a real browser is tested in test_views_browser.py; here
the SVG and HTML are checked as documents.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.errors import KinmapError, UnknownFormat
from kinmap.exports import views
from kinmap.exports.views.kinship import kinship_of
from kinmap.exports.views.layout import layout_genogram
from kinmap.exports.views.network import interconnections
from kinmap.exports.views.visjs import vis_network_script
from kinmap.exports.views.pseudonyms import pseudonymise
from kinmap.exports.views.synthetic import synthetic_family, synthetic_network
from kinmap.loaders import read

NS = {"s": "http://www.w3.org/2000/svg"}
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
HOSTILE = DATA / "valid" / "hostile.yaml"
ALL_FILES = EXAMPLE_FILES + GOLD_FILES + [HOSTILE, DATA / "valid" / "minimal.yaml"]
ALL_MAPS = [(f"{path.name}#{i}", cm) for path in ALL_FILES for i, cm in enumerate(read(path))]


@pytest.fixture(scope="module")
def riverside():
    [only] = read(RIVERSIDE)
    return only


@pytest.fixture(scope="module")
def riverside_svg(riverside):
    return ET.fromstring(views.genogram_svg(riverside))


def _points(d: str) -> list[tuple[float, float]]:
    """The points of an SVG path made of M/L/H/V commands (absolute)."""
    out: list[tuple[float, float]] = []
    for cmd, args in re.findall(r"([MLHV])\s*([-\d.,\s]+)", d):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if cmd in "ML":
            out.append((nums[0], nums[1]))
        elif cmd == "H":
            out.append((nums[0], out[-1][1]))
        else:
            out.append((out[-1][0], nums[0]))
    return out


def _drawn(group: ET.Element) -> list[ET.Element]:
    """The drawn children of a group (not its <title>)."""
    return [c for c in group if not c.tag.endswith("title")]


def _centres(svg: ET.Element) -> dict[str, tuple[float, float]]:
    """Each person's symbol centre, from the first shape of their group."""
    out = {}
    for group in svg.iterfind(".//s:g[@data-person]", NS):
        shape = _drawn(group)[0]
        if shape.tag.endswith("rect"):
            x, y = float(shape.get("x")), float(shape.get("y"))
            out[group.get("data-person")] = (x + float(shape.get("width")) / 2,
                                             y + float(shape.get("height")) / 2)
        elif shape.tag.endswith("circle"):
            out[group.get("data-person")] = (float(shape.get("cx")), float(shape.get("cy")))
        else:
            pts = _points(shape.get("d"))
            out[group.get("data-person")] = (pts[0][0], (pts[0][1] + pts[2][1]) / 2)
    return out


# -- the half-sibling example: couples, children under the right couple, households ---

def test_mother_has_a_couple_line_with_each_partner(riverside_svg):
    couples = {frozenset(g.get("data-ends").split()): g.get("data-status")
               for g in riverside_svg.iterfind(".//s:g[@class='couple']", NS)}
    assert couples[frozenset({"mother", "father"})] == "separated"
    assert couples[frozenset({"mother", "partner"})] == "cohabiting"
    assert couples[frozenset({"mother", "k-father"})] == "divorced"
    assert couples[frozenset({"father", "ms-d"})] == "married"


def _couple_line_y(svg, a, b) -> float:
    for g in svg.iterfind(".//s:g[@class='couple']", NS):
        if set(g.get("data-ends").split()) == {a, b}:
            pts = _points(_drawn(g)[0].get("d"))
            assert pts[1][1] == pts[2][1], "a couple line runs across at one height"
            return pts[1][1]
    raise AssertionError(f"no couple line for {a} and {b}")


@pytest.mark.parametrize("parents, child", [
    ({"mother", "father"}, "child-m"),
    ({"mother", "partner"}, "baby-half-brother"),
    ({"mother", "k-father"}, "older-half-brother"),
    ({"father", "ms-d"}, "paternal-half-sister"),
])
def test_each_child_hangs_from_their_own_parents_couple_line(riverside_svg, parents, child):
    centres = _centres(riverside_svg)
    [family] = [g for g in riverside_svg.iterfind(".//s:g[@class='children']", NS)
                if set(g.get("data-parents").split()) == parents]
    assert family.get("data-children").split() == [child]
    paths = _drawn(family)
    drop = _points(paths[0].get("d"))
    # The line starts on the parents' couple line, between the two parents...
    a, b = sorted(centres[p][0] for p in parents)
    assert drop[0][1] == _couple_line_y(riverside_svg, *parents)
    assert a < drop[0][0] < b
    # ... away from anyone standing between them (so it cannot be read as theirs) ...
    others = [xy[0] for pid, xy in centres.items() if pid not in parents
              and abs(xy[1] - centres[next(iter(parents))][1]) < 1 and a < xy[0] < b]
    assert all(abs(drop[0][0] - x) > 20 for x in others)
    # ... and ends on top of the child's symbol.
    [child_line] = family.findall("s:g[@class='child-line']", NS)
    end = _points(_drawn(child_line)[0].get("d"))[-1]
    assert end[0] == pytest.approx(centres[child][0], abs=0.1)
    assert end[1] < centres[child][1]


def test_both_household_boundaries_around_the_half_siblings_are_drawn(riverside_svg):
    homes = {g.get("data-household") for g in
             riverside_svg.iterfind(".//s:g[@class='household']", NS)}
    assert {"mother-home", "k-father-home", "father-home"} <= homes


def test_conventions_of_symbols(riverside_svg):
    groups = {g.get("data-person"): g for g in riverside_svg.iterfind(".//s:g[@data-person]", NS)}
    first = {pid: _drawn(g)[0].tag.split("}")[1] for pid, g in groups.items()}
    assert first["father"] == "rect" and first["mother"] == "circle"
    # The subject child has a double outline: two circles.
    assert len(groups["child-m"].findall("s:circle", NS)) == 2
    # Her age sits inside her symbol.
    assert "3" in [t.text for t in groups["child-m"].findall("s:text", NS)]


def test_harm_is_drawn_from_the_person_who_harmed_with_its_nature(riverside_svg):
    [harm] = riverside_svg.findall(".//s:g[@class='tie tie-harm']", NS)
    assert harm.get("data-ends") == "partner child-m"
    labels = [t.text for t in riverside_svg.iterfind(".//s:text", NS)]
    assert "physical abuse" in labels and "supervised contact" in labels


def test_couples_are_inferred_from_shared_children():
    [digest] = [cm for cm in read(GOLD_FILES[0])]
    kin = kinship_of(digest)
    inferred = [c for c in kin.couples if not c.recorded]
    assert {frozenset((c.a, c.b)) for c in inferred} == {frozenset({"mother", "father"})}


def test_twins_born_the_same_day_hang_from_one_point():
    cm = synthetic_family(64, 4, seed=1)
    kin = kinship_of(cm)
    twins = [t for f in kin.families for t in f.twins]
    assert twins and all(len({cm.ids()[p].born for p in t}) == 1 for t in twins)


# -- layout: a big family, no overlaps, the same every time ---------------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_large_family_over_four_generations_has_no_overlapping_symbols(seed):
    cm = synthetic_family(64, 4, seed=seed)
    assert len(cm.people) >= 60
    kin = kinship_of(cm)
    layout = layout_genogram(kin)
    assert len(layout.rows) == 4
    assert max(len(kin.partners_of(p.id)) for p in cm.people) >= 2
    g = layout.geometry
    for row in layout.rows:
        xs = sorted(layout.x[p] for p in row)
        assert all(b - a >= g.slot - 1e-6 for a, b in zip(xs, xs[1:]))
    tops = layout.row_top
    assert all(b - a > g.symbol + g.label for a, b in zip(tops, tops[1:]))
    for child, parents in kin.parents.items():
        assert all(layout.generation[p] < layout.generation[child] for p in parents)


def test_the_same_case_map_always_draws_the_same_file():
    cm = synthetic_family(64, 4, seed=2)
    assert views.genogram_svg(cm) == views.genogram_svg(synthetic_family(64, 4, seed=2))
    assert views.genogram_html(cm) == views.genogram_html(cm)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_children_are_centred_under_their_parents_couple(seed):
    cm = synthetic_family(64, 4, seed=seed)
    kin = kinship_of(cm)
    layout = layout_genogram(kin)
    off = []
    for family in kin.families:
        xs = [layout.x[c] for c in family.children]
        off.append(abs((min(xs) + max(xs)) / 2 - layout.drop[family.key]) / layout.geometry.slot)
    off.sort()
    assert sum(off) / len(off) < 1.0          # on average less than one place off
    assert off[len(off) // 2] < 0.5           # most families exactly under their parents


# -- every view of every case map ----------------------------------------------------------

@pytest.mark.parametrize("name, casemap", ALL_MAPS, ids=[n for n, _ in ALL_MAPS])
def test_every_view_of_every_case_map_is_well_formed(name, casemap):
    for cultural in (False, True):
        ET.fromstring(views.genogram_svg(casemap, cultural=cultural))
    ET.fromstring(views.ecomap_svg(casemap))
    for html in (views.genogram_html(casemap), views.ecomap_html(casemap),
                 views.network_html([casemap])):
        assert_offline_page(html)


def assert_offline_page(html: str) -> None:
    """One file, nothing fetched: a strict CSP, no external src/href, no @import."""
    assert html.startswith("<!DOCTYPE html>")
    [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert unescape(csp).startswith("default-src 'none'; script-src 'unsafe-inline'; "
                                    "style-src 'unsafe-inline'; img-src data:;")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?!data:|#)[a-z]*:?//""", html,
                         re.I)
    assert "@import" not in html and "<link rel=\"stylesheet\"" not in html
    assert html.count("<script") == html.count("</script>")


def test_the_network_of_every_example_and_gold_review_at_once():
    maps = [cm for _, cm in ALL_MAPS]
    html = views.network_html(maps)
    assert_offline_page(html)
    assert len(html) < 2_000_000


# -- untrusted text ----------------------------------------------------------------------------

def test_hostile_text_is_escaped_everywhere():
    [cm] = read(HOSTILE)
    outputs = [views.genogram_svg(cm, cultural=True), views.ecomap_svg(cm),
               views.genogram_html(cm, cultural=True), views.ecomap_html(cm),
               views.network_html([cm])]
    vendored = str(vis_network_script()[1])
    for text in outputs:
        text = text.replace(vendored, "")  # its own parser holds '<b>' and '<i>'
        assert "<img" not in text and "<svg/onload" not in text and "<b>" not in text
        assert "<script>alert" not in text and "</td>" not in text
        assert "49 house" not in text  # {{ 7*7 }} is text, not a template
        assert "\u202e" not in text     # a right-to-left override is shown, not obeyed
    svg = outputs[0]
    labels = [t.text for t in ET.fromstring(svg).iterfind(".//s:text", NS)]
    assert any(t and "<img src=x onerror=alert(1)>" in t for t in labels)
    assert "{{ 7*7 }}" in outputs[2] or "{{ 7*7 }}" in ET.fromstring(svg).findtext(".//s:title",
                                                                               namespaces=NS)


# -- pseudonymising ------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", text)}


@pytest.fixture(scope="module")
def generic_words() -> set[str]:
    """Words that say nothing about a real review: vocabularies, role and kind labels,
    and everything kinmap writes into the views of a fictional family."""
    from kinmap import vocab
    from kinmap.exports.views import pseudonyms
    words: set[str] = set()
    for values in vocab.VOCABULARIES.values():
        for value in values:
            words |= _words(value.replace("_", " "))
    for table in (pseudonyms.ROLE_LABELS, pseudonyms.GROUP_LABELS, pseudonyms.AGENCY_LABELS,
                  pseudonyms.REVIEW_TYPES):
        for value in table.values():
            words |= _words(value)
    family = pseudonymise(synthetic_family(64, 4, seed=1))
    words |= _words(views.genogram_html(family, cultural=True) + views.ecomap_html(family)
                    + views.network_html([pseudonymise(cm, number=n) for n, cm in
                                       enumerate(synthetic_network(40, 80, 2), start=1)]))
    return words


def _secrets(casemap, generic: set[str]) -> set[str]:
    """Every name, label, quote and free text of a case map that must not leak
    (leaving out those made only of generic words, such as an agency labelled 'Police')."""
    found: set[str] = set()
    review = casemap.review
    found.update(x for x in (review.id, review.title, review.partnership, review.area,
                             review.source_file, review.quote, review.notes) if x)
    for _, _, element in casemap.elements():
        for attr in ("id", "label", "quote", "notes", "what", "when", "text", "area"):
            value = getattr(element, attr, None)
            if isinstance(value, str):
                found.add(value)
        if element.section == "involvements" and element.role:
            found.add(element.role)
    found = {re.sub(r"\s+", " ", s).strip() for s in found}
    return {s for s in found if len(s) >= 4 and not _words(s.replace("-", " ")) <= generic}


def _names(casemap, generic: set[str]) -> set[str]:
    """Proper names in labels and titles: capitalised words that are no role or kind."""
    words = set()
    texts = [getattr(e, "label", None) or "" for _, _, e in casemap.elements()]
    texts += [casemap.review.title or "", casemap.review.partnership or ""]
    for text in texts:
        for word in re.findall(r"[A-Z][\w'’-]{3,}", text):
            word = re.sub(r"['’]s$", "", word)
            if word.lower() not in generic and len(word) >= 4:
                words.add(word)
    return words


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_pseudonymised_views_hold_no_original_name_label_or_quote(path, generic_words):
    for cm in read(path):
        outputs = [views.genogram_svg(cm, cultural=True, pseudonymise=True),
                   views.genogram_html(cm, cultural=True, pseudonymise=True),
                   views.ecomap_html(cm, pseudonymise=True),
                   views.ecomap_svg(cm, pseudonymise=True),
                   views.network_html([cm], pseudonymise=True)]
        vendored = str(vis_network_script()[1])
        outputs = [o.replace(vendored, "") for o in outputs]  # a library says 'alphabetic'
        lowered = [o.lower() for o in outputs]
        secrets = _secrets(cm, generic_words)
        assert secrets  # the check has something to check
        for secret in secrets:
            assert not any(secret.lower() in o for o in lowered), secret
        for name in _names(cm, generic_words):
            hits = [o[max(0, m.start() - 150):m.end() + 50] for o in outputs
                    for m in re.finditer(rf"\b{re.escape(name)}\b", o)]
            assert not hits, (name, hits[:2])


def test_pseudonymised_labels_are_roles_kept_consistent(riverside):
    labels = {p.label for p in pseudonymise(riverside).people}
    assert {"Child", "Mother", "Father", "Parent's partner", "Half-brother",
            "Half-brother 2", "Half-sister"} <= labels
    agencies = [a.label for a in pseudonymise(riverside).agencies]
    assert "Police" in agencies and "School" in agencies
    dates = [p.born for p in pseudonymise(riverside).people if p.born]
    assert dates and all(len(d) == 4 for d in dates)


GODMOTHER = DATA / "valid" / "godmother-everywhere.yaml"
#: Words of the godmother fixture's free text that no pseudonymised view may show.
GODMOTHER_SECRETS = ("ottoline", "quarrendon", "vellacott", "fenmarsh", "welsh", "traveller",
                     "chapel", "baptised", "bruising", "weekend", "spare room", "teacher",
                     "call-out", "phoned", "spoken")


def _all_pseudonymised_views(cm, **options) -> list[str]:
    return [views.genogram_svg(cm, cultural=True, pseudonymise=True, **options),
            views.genogram_html(cm, cultural=True, pseudonymise=True, **options),
            views.ecomap_html(cm, pseudonymise=True, **options),
            views.ecomap_svg(cm, pseudonymise=True, **options),
            views.network_html([cm], pseudonymise=True, **options),
            views.network_html([cm, cm], pseudonymise=True, **options)]


def test_pseudonymised_views_show_no_free_text_of_the_case_map():
    """The godmother's name is in culture, notes, labels, `when`, `what`, an involvement's
    role, the title...; a pseudonymised view shows none of it, nor any other free text."""
    [cm] = read(GODMOTHER)
    vendored = str(vis_network_script()[1])
    for output in _all_pseudonymised_views(cm):
        lowered = unescape(output.replace(vendored, "")).lower()
        for secret in GODMOTHER_SECRETS:
            assert secret not in lowered, secret


def test_every_field_is_hidden_unless_the_allow_list_shows_it():
    """Free text in every text field, and text posing as a vocabulary value, a date, an
    age or a reference, never reaches the pseudonymised copy; nor does a field the
    model gains later."""
    from dataclasses import dataclass, replace

    from kinmap.model import DATE, REFS, REFS_OR_ONE, TEXT, VOCAB, Person, _f, specs
    [cm] = read(GODMOTHER)
    canary = "Zyxwarden Canary"

    def poisoned(element):
        changes = {}
        for spec in specs(type(element)):
            if spec.kind in (TEXT, VOCAB, DATE, "age") and not spec.required:
                changes[spec.attr] = canary
            elif spec.kind in (REFS, REFS_OR_ONE):
                changes[spec.attr] = [*getattr(element, spec.attr), canary]
        return replace(element, **changes)

    @dataclass(kw_only=True)
    class PersonOfTomorrow(Person):
        nickname: str | None = _f(VOCAB, vocab="role")

    cm.review = poisoned(cm.review)
    for section in ("people", "relationships", "households", "agencies", "involvements",
                    "meetings", "decisions", "events", "information_sharing", "findings",
                    "recommendations"):
        setattr(cm, section, [poisoned(e) for e in getattr(cm, section)])
    cm.people.append(PersonOfTomorrow(id="tomorrow", nickname=canary, role="aunt"))
    pseudo = views.pseudonymise(cm)
    assert canary not in repr(pseudo)
    assert [p.label for p in pseudo.people][-1] == "Aunt"
    for output in _all_pseudonymised_views(cm):
        assert "zyxwarden" not in output.lower()


def test_free_text_is_shown_only_when_asked_for_by_field():
    [cm] = read(GODMOTHER)
    shown = views.genogram_svg(cm, cultural=True, pseudonymise=True,
                               show_text=["people.culture"])
    assert "Baptised" in shown and "Irish Traveller" in shown
    assert "Baptised" not in views.genogram_svg(cm, cultural=True, pseudonymise=True)
    assert "Primary" not in shown and "Lane" not in shown  # only the field asked for
    with pytest.raises(KinmapError, match="people.culture"):
        views.genogram_svg(cm, pseudonymise=True, show_text=["people.nickname"])


def test_the_cli_shows_free_text_only_for_the_fields_named(tmp_path):
    from click.testing import CliRunner

    from kinmap.cli import cli
    store = str(tmp_path / "store")

    def kinmap(*args):
        return CliRunner().invoke(cli, ["--store", store, *map(str, args)])
    assert kinmap("load", GODMOTHER).exit_code == 0
    plain, shown = tmp_path / "plain.svg", tmp_path / "shown.svg"
    assert kinmap("genogram", "fenmarsh-child-q", "--cultural", "--pseudonymise",
                  "-o", plain).exit_code == 0
    assert kinmap("genogram", "fenmarsh-child-q", "--cultural", "--pseudonymise",
                  "--show-text", "people.culture", "-o", shown).exit_code == 0
    assert "Baptised" not in plain.read_text() and "Baptised" in shown.read_text()
    assert "Primary" not in shown.read_text()
    for args in (("--pseudonymise", "--show-text", "people.nickname"),
                 ("--show-text", "people.culture")):
        result = kinmap("ecomap", "fenmarsh-child-q", *args, "-o", tmp_path / "e.html")
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, \
            result.output
        assert "people.culture" in result.output or "--pseudonymise" in result.output


def _group_symbols(svg: str) -> int:
    return svg.count('transform="translate(5,-5)"')


@pytest.mark.parametrize("path", [GODMOTHER, *GOLD_FILES], ids=lambda p: p.name)
def test_groups_stay_groups_when_pseudonymised(path):
    for cm in read(path):
        groups = [p for p in cm.people if "(group)" in (p.label or "") or
                  p.label in ("cousins who visited",)]
        pseudo = views.pseudonymise(cm)
        labels = {p.id: q.label for p, q in zip(cm.people, pseudo.people)}
        for person in groups:
            assert labels[person.id].endswith(" (group)"), (person.label, labels[person.id])
        assert _group_symbols(views.genogram_svg(cm, pseudonymise=True)) == \
            _group_symbols(views.genogram_svg(cm)) >= len(groups) > 0 or not groups


def test_older_sisters_stay_a_group_not_one_sister():
    [cm] = [c for c in read(GOLD_FILES[1]) if any(p.id == "older-sisters" for p in c.people)]
    pseudo = views.pseudonymise(cm)
    label = pseudo.people[[p.id for p in cm.people].index("older-sisters")].label
    assert label == "Sisters (group)"
    assert not any(re.fullmatch(r"Sister \d+ \(group\)|Sister 3", p.label or "")
                   for p in pseudo.people)


def test_pseudonymised_network_of_many_reviews_keeps_every_node_apart():
    maps = [cm for path in EXAMPLE_FILES + GOLD_FILES for cm in read(path)]
    data = json_data(views.network_html(maps, pseudonymise=True))
    ids = [node["id"] for node in data["nodes"]]
    assert len(ids) == len(set(ids))
    assert len(ids) == sum(len(cm.people) + len(cm.households) + len(cm.agencies)
                           for cm in maps)
    node_ids = set(ids)
    assert all(e["from"] in node_ids and e["to"] in node_ids for e in data["edges"])
    reviews = {i.split("/")[0] for i in ids}
    assert reviews == {f"review-{n}" for n in range(1, len(maps) + 1)
                       if n in {k + 1 for k, cm in enumerate(maps)
                                if cm.people or cm.households or cm.agencies}}


def json_data(page: str) -> dict:
    """The JSON a view page carries for its script."""
    import json
    match = re.search(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert match, "no data in the page"
    return json.loads(match.group(1))


# -- entry points ---------------------------------------------------------------------------------

def test_write_genogram_chooses_svg_or_html_by_suffix(riverside, tmp_path):
    svg = views.write_genogram(riverside, tmp_path / "g.svg")
    html = views.write_genogram(riverside, tmp_path / "g.HTML")
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(UnknownFormat, match=r"\.html or \.svg"):
        views.write_genogram(riverside, tmp_path / "g.png")
    with pytest.raises(UnknownFormat):
        views.write_network([riverside], tmp_path / "n.svg")


def test_ecomap_centre_and_date_are_checked(riverside, tmp_path):
    with pytest.raises(KinmapError, match="no person 'nobody'"):
        views.write_ecomap(riverside, tmp_path / "e.html", person="nobody")
    with pytest.raises(KinmapError, match="not a date"):
        views.write_ecomap(riverside, tmp_path / "e.html", at="March 2021")


def _involvement(svg: ET.Element, agency: str, person: str) -> ET.Element:
    [group] = [g for g in svg.iterfind(".//s:g[@data-ends]", NS)
               if g.get("data-ends") == f"{agency} {person}"
               and "involvement" in g.get("class", "")]
    return group


def test_ecomap_at_a_date_hides_what_was_not_there(riverside):
    during = ET.fromstring(views.ecomap_svg(riverside, at="2021-10"))
    after = ET.fromstring(views.ecomap_svg(riverside, at="2022-01"))
    early_help = ("riverside-early-help", "mother")  # involved 2021-09 to 2021-11
    assert "hidden-by-date" not in _involvement(during, *early_help).get("class")
    assert "hidden-by-date" in _involvement(after, *early_help).get("class")
    html = views.ecomap_html(riverside, at="2022-01")
    assert 'id="at"' in html and "2021-11" in html


def test_ecomap_marks_absent_agencies_and_missed_sharing(riverside):
    svg = ET.fromstring(views.ecomap_svg(riverside))
    absent = [g.get("data-person") for g in svg.iterfind(".//s:g[@data-person]", NS)
              if "absent" in g.get("class", "")]
    assert absent == ["gp"]
    missed = [g.get("data-ends") for g in svg.iterfind(".//s:g", NS)
              if "sharing-missed" in (g.get("class") or "")]
    assert "riverside-police health-visiting" in missed
    assert any(m.startswith("gp ") for m in missed)   # to a receiver the review does not name


def test_ecomap_can_centre_on_another_person(riverside):
    svg = views.ecomap_svg(riverside, person="father")
    assert "Ecomap around M&#x27;s father" in svg or "Ecomap around M's father" in svg


def test_interconnected_people_are_found(riverside):
    joined = interconnections(riverside)
    assert joined["mother"] == ("has children with 3 partners: M's father (Mr B), "
                                "mother's partner (Mr C), K's father (Mr A)")
    assert joined["father"] == "has children with 2 partners: M's mother, Mr B's wife (Ms D)"
    assert "child-m" not in joined


def test_views_from_either_store_match_the_file(riverside, store):
    store.load([riverside])
    from_store = store.casemap(riverside.review.id)
    assert views.genogram_svg(from_store) == views.genogram_svg(riverside)
    assert views.ecomap_html(from_store) == views.ecomap_html(riverside)
    assert views.network_html(store.casemaps()) == views.network_html([riverside])


def test_synthetic_network_has_the_asked_size():
    maps = synthetic_network(500, 1500)
    assert sum(len(c.people) + len(c.households) + len(c.agencies) for c in maps) == 500
    from kinmap.exports.views.network import network_data
    data = network_data(maps)
    assert len(data["nodes"]) == 500 and 1400 <= len(data["edges"]) <= 1600


def test_an_empty_review_draws_a_message(tmp_path):
    [cm] = read(DATA / "valid" / "minimal.yaml")
    assert "records no people" in views.genogram_svg(cm)
    assert Path(views.write_ecomap(cm, tmp_path / "e.html")).stat().st_size > 1000
