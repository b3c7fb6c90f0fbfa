"""The ecomap: centred on the home at the chosen date, every dated element carrying its dates.

`tests/data/views/wrenford-child-j.yaml` is a fictional child who moves from her
mother's flat (2013-04 – 2018-05) to her grandmother (kinship, 2018-06 – 2020-10,
with a hospital stay 2020-09 – 2020-10) to foster carers (from 2020-11), with a
half-brother born 2020-02 and agencies and meetings across those years.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.exports import views
from kinmap.exports.views.ecomap import ecomap_dates, ecomap_drawing
from kinmap.exports.views.homes import home_at
from kinmap.exports.views.text import active_at
from kinmap.loaders import read

WRENFORD = DATA / "views" / "wrenford-child-j.yaml"
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")


@pytest.fixture(scope="module")
def child_j():
    [cm] = read(WRENFORD)
    return cm


@pytest.fixture(scope="module")
def child_m():
    [cm] = read(RIVERSIDE)
    return cm


def _alpha():
    for path in GOLD_FILES:
        for cm in read(path):
            if cm.review.id == "alpha":
                return cm
    pytest.skip("the gold case map of Alpha is not in ../shared/gold")


def _frames(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter() if "ecomap-frame" in (g.get("class") or "")]


def _shown(svg: ET.Element) -> ET.Element:
    [frame] = [f for f in _frames(svg) if "hidden-by-date" not in f.get("class")]
    return frame


def _person(frame: ET.Element, pid: str) -> ET.Element:
    [group] = [g for g in frame.iter() if g.get("data-person") == pid
               and "person" in (g.get("class") or "").split()]
    return group


def _hidden(element: ET.Element) -> bool:
    return "hidden-by-date" in (element.get("class") or "")


@pytest.mark.parametrize("at, home", [("2016", "mothers-home"), ("2019-03", "grandmothers-home"),
                                      ("2020-09", "grandmothers-home"),  # in hospital: a stay
                                      ("2021-06", "foster-home"), (None, "foster-home")])
def test_the_centre_is_the_home_at_the_chosen_date(child_j, at, home):
    svg = ET.fromstring(views.ecomap_svg(child_j, at=at))
    frame = _shown(svg)
    assert frame.get("data-home") == home
    [caption] = [g for g in frame.iter() if g.get("data-home") == home
                 and "household" in (g.get("class") or "")]
    assert caption.get("tabindex") == "0"


def test_the_page_holds_one_frame_per_home_and_each_date_shows_exactly_one(child_j):
    drawing = ecomap_drawing(child_j, standalone=False)
    frames = _frames(drawing.svg)
    assert sorted(f.get("data-home") for f in frames) == \
        ["foster-home", "grandmothers-home", "mothers-home"]
    for i, date in enumerate(drawing.dates):
        [on] = [f for f in frames if f.get("data-shown")[i] == "1"]
        assert on.get("data-home") == home_at(child_j, "child-j", date).id
    [latest] = [f for f in frames if f.get("data-all") == "1"]
    assert latest.get("data-home") == "foster-home" and not _hidden(latest)


def test_people_of_an_earlier_home_stand_on_the_ring_later(child_j):
    svg = ET.fromstring(views.ecomap_svg(child_j, at="2016"))
    later = ET.fromstring(views.ecomap_svg(child_j, at="2021-06"))
    def distance(svg: ET.Element) -> float:
        circle = _person(_shown(svg), "mother").find("{http://www.w3.org/2000/svg}circle")
        return math.hypot(float(circle.get("cx")), float(circle.get("cy")))
    assert distance(svg) < 200 < distance(later)   # in the circle, then out on the ring


def test_alpha_is_centred_on_her_latest_home_not_the_2016_placement():
    alpha = _alpha()
    svg = ET.fromstring(views.ecomap_svg(alpha))
    latest = home_at(alpha, "alpha", None)
    assert _shown(svg).get("data-home") == latest.id
    assert latest.id != "foster-family"


def test_child_m_in_2018_has_no_baby_no_later_absence_and_mr_c_not_at_home(child_m):
    svg = ET.fromstring(views.ecomap_svg(child_m, at="2018-10"))
    frame = _shown(svg)
    assert frame.get("data-home") == ""          # no home of hers is recorded before 2021-02
    assert _hidden(_person(frame, "baby-half-brother"))
    assert not any(g.get("data-home") for g in frame.iter()
                   if "household" in (g.get("class") or ""))
    absences = [g for g in frame.iter() if "absence" == (g.get("class") or "").split(" ")[0]]
    assert absences and all(_hidden(a) for a in absences)
    lines = [g for g in frame.iter() if "involvement" in (g.get("class") or "")]
    shown = [g.get("data-ends") for g in lines if not _hidden(g)]
    assert "health-visiting child-m" in shown and "nursery child-m" not in shown


@pytest.mark.parametrize("path", [WRENFORD, RIVERSIDE], ids=lambda p: p.stem)
def test_every_dated_element_carries_its_dates(path):
    [cm] = read(path)
    drawing = ecomap_drawing(cm, standalone=False)
    people = {p.id: p for p in cm.people}
    centre = cm.subjects[0].id
    for frame in _frames(drawing.svg):
        for g in frame.iter("g"):
            classes = (g.get("class") or "").split()
            if "person" in classes and g.get("data-person") != centre:
                assert g.get("data-since") == people[g.get("data-person")].born
        ends = {(g.get("data-ends"), g.get("class").split()[0]): g for g in frame.iter("g")
                if g.get("data-ends")}
        for inv in cm.involvements:
            g = ends[(f"{inv.agency} {inv.person}", "involvement")]
            born = people[inv.person].born if inv.person != centre else None
            assert g.get("data-since") == (inv.since or born if not (inv.since and born)
                                           else max(inv.since, born))
            assert g.get("data-until") == inv.until
        for link in cm.information_sharing:
            g = ends[(f"{link.from_} {link.to or ''}", "sharing")]
            assert g.get("data-since") == link.date
        dated_absences = sorted(m.date for m in cm.meetings if m.absent and m.date)
        drawn = sorted(g.get("data-since") for g in frame.iter("g")
                       if (g.get("class") or "").split()[:1] == ["absence"])
        assert drawn == dated_absences
    # Every date an element carries is a position of the control.
    carried = {v for g in drawing.svg.iter() for k, v in g.attrib.items()
               if k in ("data-since", "data-until")}
    assert carried <= set(drawing.dates)
    assert drawing.dates == ecomap_dates(cm, cm.subjects[0])


def test_a_line_is_not_shown_before_the_person_it_reaches_was_born(child_m):
    drawing = ecomap_drawing(child_m, standalone=False)
    gp_baby = [g for g in drawing.svg.iter("g")
               if g.get("data-ends") and "baby-half-brother" in g.get("data-ends")]
    assert gp_baby
    for g in gp_baby:
        assert not active_at(g.get("data-since"), g.get("data-until"), "2020-01")


@pytest.mark.parametrize("path", [WRENFORD, RIVERSIDE], ids=lambda p: p.stem)
def test_every_element_with_details_can_be_reached_by_keyboard(path):
    [cm] = read(path)
    drawing = ecomap_drawing(cm, standalone=False)
    refs = [g for g in drawing.svg.iter("g") if g.get("data-ref")]
    kinds = {(g.get("class") or "").split()[0] for g in refs}
    assert {"person", "agency", "involvement", "household", "sharing"} <= kinds
    assert all(g.get("tabindex") == "0" for g in refs)
    assert all(g.get("data-ref") in drawing.details.items for g in refs)
