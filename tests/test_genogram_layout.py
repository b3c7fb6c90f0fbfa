"""The genogram's conventions as properties, on the examples, the gold and our own families.

Our families (`data/views/`, fictional): a father with children by three mothers
across three households, twins, a step-parent, an adopted child and a hospital
stay (`three-mothers.yaml`); a kinship move and a foster move with dates, a
special guardian, half and full siblings (`moves.yaml`); a group of
exploiters, unknown adult males, an associate and a perpetrator who is not
kin, and siblings whose parents the review never names (`exploiters.yaml`).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES
from test_views import _points

from kinmap.exports.views import pseudonymise
from kinmap.exports.views.genogram import genogram_drawing
from kinmap.exports.views.kinship import kinship_of
from kinmap.exports.views.layout import couples_in_time_order, layout_genogram
from kinmap.exports.views.svg import to_string
from kinmap.loaders import read

NS = {"s": "http://www.w3.org/2000/svg"}
OURS = sorted((DATA / "views").glob("*.yaml"))
MAPS = [(f"{p.stem}-{i}", cm) for p in EXAMPLE_FILES + GOLD_FILES + OURS
        for i, cm in enumerate(read(p))]
IDS = [n for n, _ in MAPS]


def _one(path: Path, review: str | None = None):
    maps = read(path)
    return next(cm for cm in maps if review is None or cm.review.id == review)


def _gold(review: str):
    return next(cm for p in GOLD_FILES for cm in read(p) if cm.review.id == review)


def _svg(cm, standalone: bool = False) -> ET.Element:
    """The genogram as the page gets it: serialised, then parsed (namespaced tags)."""
    return ET.fromstring(to_string(genogram_drawing(cm, standalone=standalone).svg))


def _segments(d: str) -> list[list[tuple[float, float]]]:
    return [_points(part) for part in re.findall(r"M[^M]*", d)]


# -- couples, children, ties ---------------------------------------------------------

@pytest.mark.parametrize("name, cm", MAPS, ids=IDS)
def test_every_child_line_reaches_a_parent_or_a_couple_line(name, cm):
    svg = _svg(cm)
    couple_ys = {}
    for g in svg.iterfind(".//s:g[@class='couple']", NS):
        path = g.find("s:path", NS)
        pts = _points(path.get("d"))
        couple_ys[frozenset(g.get("data-ends").split())] = (pts[1][1] if len(pts) == 4 else None,
                                                            pts)
    symbol_bottoms = {}
    for g in svg.iterfind(".//s:g[@data-person]", NS):
        shape = next(c for c in g if c.tag.split("}")[1] in ("rect", "circle", "path"))
        if shape.tag.endswith("rect"):
            bottom = float(shape.get("y")) + float(shape.get("height"))
        elif shape.tag.endswith("circle"):
            bottom = float(shape.get("cy")) + float(shape.get("r"))
        else:
            bottom = max(p[1] for p in _points(shape.get("d")))
        symbol_bottoms[g.get("data-person")] = bottom
    for family in svg.iterfind(".//s:g[@class='children']", NS):
        parents = family.get("data-parents").split()
        first = _segments(family.find("s:path", NS).get("d"))
        if not parents:
            # A sibling bar alone: only one horizontal segment, no stub up to no one.
            assert all(seg[0][1] == seg[-1][1] for seg in first), name
            continue
        start = first[0][0]
        if len(parents) == 2 and frozenset(parents) in couple_ys:
            y, pts = couple_ys[frozenset(parents)]
            assert start[1] == pytest.approx(y, abs=0.1), (name, parents)
            xs = sorted((pts[0][0], pts[-1][0]))
            assert xs[0] < start[0] < xs[1]
        else:
            # The one parent known: the line leaves that parent's symbol, not mid-air.
            bottom = symbol_bottoms[parents[0]]
            assert bottom - 5 <= start[1] <= bottom + 0.5, (name, parents)


def test_partners_are_drawn_in_time_order_left_to_right():
    cm = _one(DATA / "views" / "three-mothers.yaml")
    svg = _svg(cm)
    middle = {}
    for g in svg.iterfind(".//s:g[@class='couple']", NS):
        pts = _points(g.find("s:path", NS).get("d"))
        middle[frozenset(g.get("data-ends").split())] = (pts[1][0] + pts[2][0]) / 2
    order = [middle[frozenset({"mr-q", w})] for w in ("ms-a", "ms-b", "ms-c")]
    assert order == sorted(order)
    # ... with their status marks: divorced two slashes, separated one.
    for g in svg.iterfind(".//s:g[@class='couple']", NS):
        ends = frozenset(g.get("data-ends").split())
        slashes = [p for p in g.findall("s:path", NS) if p.get("class") != "hit"][1:]
        count = sum(len(_segments(p.get("d"))) for p in slashes)
        if ends == {"mr-q", "ms-a"}:
            assert count == 2
        if ends == {"mr-q", "ms-b"}:
            assert count == 1


def test_undated_couples_put_the_childs_parents_before_the_step_parent():
    cm = _gold("alsami")
    kin = kinship_of(cm)
    mothers = [c for c in kin.couples if "mother" in (c.a, c.b)]
    first, second = couples_in_time_order(mothers, kin)
    assert {first.a, first.b} == {"mother", "father"}
    assert {second.a, second.b} == {"mother", "stepfather"}
    layout = layout_genogram(kin)
    assert layout.x["father"] < layout.x["mother"] < layout.x["stepfather"]
    # Two partnerships of one person are two lines, not one bar at one level.
    assert layout.couple_y[first.key] != layout.couple_y[second.key]


def test_alsami_children_hang_from_the_couple_they_belong_to_and_the_step_tie_is_drawn():
    cm = _gold("alsami")
    svg = _svg(cm)
    families = {g.get("data-parents"): g.get("data-children").split()
                for g in svg.iterfind(".//s:g[@class='children']", NS)}
    # The siblings group has only its mother recorded: it hangs from her alone.
    assert families["mother"] == ["siblings"]
    assert "alsami" in families["father mother"] or "alsami" in families["mother father"]
    assert svg.find(".//s:g[@class='tie tie-step']", NS).get("data-ends") == \
        "stepfather alsami"


def test_step_foster_guardian_adopted_and_half_ties_are_drawn_apart_and_keyed():
    texts = set()
    for path in OURS:
        drawing = genogram_drawing(_one(path), standalone=False)
        texts |= {item.text for item in drawing.legend}
        kinds = {g.get("class") for g in _svg(_one(path)).iterfind(".//s:g", NS)
                 if (g.get("class") or "").startswith("tie ")}
        if path.stem == "moves":
            assert {"tie tie-care", "tie tie-foster", "tie tie-guardian"} <= kinds
    keyed = " | ".join(texts)
    for words in ("step-parent", "foster carer", "special guardian", "adopted child",
                  "half-siblings", "twins", "a stay in hospital", "number inside a symbol"):
        assert words in keyed, words


def test_people_outside_the_family_stand_in_a_band_of_their_own():
    cm = _one(DATA / "views" / "exploiters.yaml")
    kin = kinship_of(cm)
    assert set(kin.outsiders) == {"gang", "males", "friend", "mr-v"}
    layout = layout_genogram(kin)
    band = layout.band_row
    assert band == len(layout.rows) - 1
    assert set(layout.rows[band]) == set(kin.outsiders)
    family_bottom = max(layout.row_top[r] for r in range(band))
    assert layout.row_top[band] > family_bottom + layout.geometry.symbol
    sam = kinship_of(_gold("sam"))
    assert {"ocg", "unknown-males"} <= set(sam.outsiders)
    assert "family" not in sam.outsiders     # lives in the family home: family


@pytest.mark.parametrize("pseudo", [False, True])
def test_groups_stay_groups(pseudo):
    cm = _one(DATA / "views" / "exploiters.yaml")
    if pseudo:
        cm = pseudonymise(cm)
    svg = _svg(cm)
    groups = [g for g in svg.iterfind(".//s:g[@data-person]", NS)
              if g.find("s:g[@transform]", NS) is not None]  # a second symbol behind
    assert len(groups) == 3      # older brothers, the exploiters, the unknown males


# -- households over time ---------------------------------------------------------------

@pytest.mark.parametrize("name, cm", MAPS, ids=IDS)
def test_each_person_is_inside_one_household_at_a_time_and_stays_are_not_households(name, cm):
    drawing = genogram_drawing(cm, standalone=False)
    stays = {h.id for h in cm.households if h.kind == "hospital"}
    bounds = list(_svg(cm).iterfind(".//s:g[@data-household][@data-members]", NS))
    positions = max(len(drawing.dates), 1)
    for i in range(positions):
        seen: dict[str, str] = {}
        for g in bounds:
            mask = g.get("data-shown")
            assert mask is None or len(mask) == len(drawing.dates)
            if mask is not None and mask[i] == "0":
                continue
            assert g.get("data-household") not in stays
            for m in g.get("data-members").split():
                assert m not in seen, (name, m, seen[m], g.get("data-household"))
                seen[m] = g.get("data-household")


def test_alpha_at_the_default_date_has_one_home_round_her_and_every_home_in_the_strip():
    cm = _gold("alpha")
    svg = _svg(cm)
    shown = [g for g in svg.iterfind(".//s:g[@data-members]", NS)
             if "hidden-by-date" not in g.get("class") and "alpha" in g.get("data-members")]
    assert len(shown) == 1
    strip = [g.get("data-household") for g in svg.iterfind(".//s:g[@class='placement']",
                                                                     NS)]
    assert sorted(strip) == sorted(h.id for h in cm.households)
    # The family home, undated but listed first, comes before the 2016 foster placement.
    assert strip.index("parents-home") < strip.index("foster-family")
    # The latest home (the solo placement, listed last) is the one round her.
    assert shown[0].get("data-household") == "solo-placement"


def test_a_hospital_stay_is_in_the_strip_as_a_stay():
    cm = _one(DATA / "views" / "three-mothers.yaml")
    svg = _svg(cm)
    assert [g.get("data-household") for g in svg.iterfind(".//s:g[@class='stay']", NS)] == \
        ["neonatal"]
    assert svg.find(".//s:g[@class='household'][@data-household='neonatal']", NS) is None


def test_dated_things_carry_the_date_controls_attributes():
    cm = _one(DATA / "views" / "moves.yaml")
    drawing = genogram_drawing(cm, standalone=False)
    assert drawing.dates == sorted(drawing.dates) and drawing.at == drawing.dates[-1]
    svg = _svg(cm)
    assert svg.find(".//s:g[@data-person='half-sister']", NS).get("data-since") == "2020-11"
    foster = svg.find(".//s:g[@class='tie tie-foster']", NS)
    assert (foster.get("data-since"), foster.get("data-until")) == ("2021-03", "2022-02")
    cross = svg.find(".//s:g[@data-person='father']/s:path[@class='death']", NS)
    assert cross.get("data-since") == "2019-02"


# -- readable: no two labels on top of each other, nothing cut --------------------------

@pytest.mark.parametrize("name, cm", MAPS, ids=IDS)
def test_no_two_label_boxes_overlap(name, cm):
    boxes = genogram_drawing(cm, standalone=False).boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            ix = min(a[2], b[2]) - max(a[0], b[0])
            iy = min(a[3], b[3]) - max(a[1], b[1])
            assert not (ix > 1 and iy > 1), (name, a, b)


def test_a_death_date_and_a_long_label_are_never_cut():
    cm = _one(DATA / "views" / "exploiters.yaml")
    texts = " ".join(t.text or "" for t in _svg(cm).iterfind(".//s:text", NS))
    assert "…" not in texts
    assert "station)" in texts        # the end of Mr V's long label
    moves = _svg(_one(DATA / "views" / "moves.yaml"))
    father = moves.find(".//s:g[@data-person='father']", NS)
    assert "d. 2019" in " ".join(t.text for t in father.iterfind("s:text", NS))


# -- every element can be inspected ------------------------------------------------------

@pytest.mark.parametrize("name, cm", MAPS, ids=IDS)
def test_every_person_line_and_box_can_be_focused_and_has_details(name, cm):
    drawing = genogram_drawing(cm, standalone=False)
    classes = ("person", "couple", "child-line", "tie", "household", "placement", "stay")
    found = 0
    for g in _svg(cm).iterfind(".//s:g", NS):
        kind = (g.get("class") or "").split(" ")[0]
        if kind not in classes:
            continue
        found += 1
        assert g.get("tabindex") == "0", (name, kind)
        assert drawing.details.items[g.get("data-ref")]["heading"], (name, kind)
    assert found >= len(cm.people)


def test_the_svg_file_draws_only_the_chosen_date():
    cm = _gold("alpha")
    text = to_string(genogram_drawing(cm, standalone=True).svg)
    assert "hidden-by-date" not in text
