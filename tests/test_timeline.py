"""The chronology view (kinmap timeline): lanes, items, arrows, the undated column, escaping.

The drawing is checked as an SVG document here; what a reader sees in Chromium
(clicks, text size after Fit, overlaps, print) is in test_views_browser.py.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.cli import cli
from kinmap.errors import KinmapError, UnknownFormat
from kinmap.exports import views
from kinmap.exports.views.svg import to_string
from kinmap.exports.views.dates import positions
from kinmap.exports.views.timeline import long_date, timeline_drawing
from kinmap.loaders import read

NS = {"s": "http://www.w3.org/2000/svg"}
CHRONOLOGY = DATA / "valid" / "chronology.yaml"
HOSTILE = DATA / "valid" / "hostile-chronology.yaml"


@pytest.fixture(scope="module")
def chronology():
    [cm] = read(CHRONOLOGY)
    return cm


def drawn(casemap, **options):
    """The drawing, its SVG read back from text (so elements carry the SVG namespace)."""
    drawing = timeline_drawing(casemap, **options)
    drawing.svg = ET.fromstring(to_string(drawing.svg))
    return drawing


@pytest.fixture(scope="module")
def drawing(chronology):
    return drawn(chronology)


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{{{NS['s']}}}text")]


def lane_bounds(drawing) -> dict[str, tuple[float, float]]:
    """Each lane's name (first line) and its top and bottom, read from the drawing."""
    heads = drawing.svg.findall(".//s:g[@class='lane-head']", NS)
    out = {}
    for head in heads:
        rect = head.find("s:rect", NS)
        y, h = float(rect.get("y")) - 2, float(rect.get("height")) + 4
        out[drawing.details.items[head.get("data-ref")]["heading"]] = (y, y + h)
    return out


def item(drawing, key_text: str) -> ET.Element:
    """The item group whose card says `key_text`."""
    found = [g for g in drawing.svg.findall(".//s:g[@data-ref]", NS)
             if "item" in g.get("class", "") and key_text in " ".join(texts(g))]
    assert len(found) == 1, key_text
    return found[0]


def lane_of(drawing, group: ET.Element) -> str:
    """The lane a card's top-left corner is in."""
    y = float(group.find("s:rect", NS).get("y"))
    [name] = [n for n, (top, bottom) in lane_bounds(drawing).items() if top <= y < bottom]
    return name


def test_a_lane_for_the_family_the_meetings_and_every_agency(drawing, chronology):
    names = list(lane_bounds(drawing))
    assert names[:3] == ["Family of Child J", "Meetings", "Decisions, agency not named"]
    assert names[3:] == [a.label for a in chronology.agencies]
    tops = [top for top, _ in lane_bounds(drawing).values()]
    assert tops == sorted(tops)


def test_items_sit_in_the_lane_of_who_did_them(drawing):
    assert lane_of(drawing, item(drawing, "arrest")) == "Kestrel Police"
    assert lane_of(drawing, item(drawing, "protection plan")) == \
        "Kestrel children's social care"
    assert lane_of(drawing, item(drawing, "serious injury")) == "Family of Child J"
    assert lane_of(drawing, item(drawing, "strategy meeting")) == "Meetings"
    assert lane_of(drawing, item(drawing, "single assessment")) == "Decisions, agency not named"


def test_decisions_show_their_outcome(drawing):
    assert "✓ made" in texts(item(drawing, "protection plan"))
    assert "✗ not completed" in texts(item(drawing, "single assessment"))


def test_a_meeting_marks_who_came_and_who_was_absent(drawing):
    meeting = item(drawing, "strategy meeting")
    assert "absent: Child J's GP" in " ".join(texts(meeting))
    bounds = lane_bounds(drawing)
    marks = meeting.findall("s:circle", NS)
    absent = [float(c.get("cy")) for c in marks if c.get("stroke") == "#d50000"]
    came = [float(c.get("cy")) for c in marks if c.get("fill") == "#0b5cad"]
    [gp] = absent
    assert bounds["Child J's GP"][0] < gp < bounds["Child J's GP"][1]
    assert sorted(n for n, (top, bottom) in bounds.items() for y in came if top < y < bottom) \
        == ["Kestrel Police", "Kestrel children's social care"]


def arrow_ends(group: ET.Element) -> tuple[tuple[float, float], tuple[float, float]]:
    arrow = next(p for p in group.findall("s:path", NS) if p.get("marker-end"))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arrow.get("d"))]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


@pytest.mark.parametrize("status, source, target", [
    ("missed", "Child J's school", "Kestrel children's social care"),
    ("partial", "Child J's GP", "Kestrel Police"),
    ("shared", "Kestrel Police", "Child J's school")])
def test_sharing_is_an_arrow_from_the_sharing_lane_to_the_receiving_one(drawing, status,
                                                                          source, target):
    [group] = drawing.svg.findall(f".//s:g[@class='item sharing sharing-{status}']", NS)
    assert lane_of(drawing, group) == source
    (_, y0), (_, y1) = arrow_ends(group)
    bounds = lane_bounds(drawing)
    assert bounds[source][0] < y0 < bounds[source][1]
    assert bounds[target][0] < y1 < bounds[target][1]
    assert group.find(f"s:path[@marker-end='url(#tl-arrow-{status})']", NS) is not None


def test_the_key_tells_sharing_statuses_and_absences_apart(drawing):
    legend = [entry.text for entry in drawing.legend]
    for words in ("missed", "in part", "information shared", "absent from the meeting",
                  "decision: made", "decision: not completed",
                  "death, serious injury or assault"):
        assert any(words in text for text in legend), words


def test_dated_items_run_left_to_right_and_undated_ones_follow_in_case_map_order(drawing):
    def x(text):
        return float(item(drawing, text).find("s:rect", NS).get("x"))
    # 2021 arrest, 2022-01 sharing, 2022-02-20 injury, 2022-03-09 meeting, 2022-04 plan
    dated = [x("arrest"), x("missed sharing"), x("serious injury"), x("strategy meeting"),
             x("protection plan")]
    assert dated == sorted(dated) and len(set(dated)) == 5
    undated = [x("core group"), x("single assessment"), x("missing episode"),
               x("shared in part")]
    assert min(undated) > max(dated)
    assert "Undated" in texts(drawing.svg)


def test_undated_items_of_a_lane_read_in_the_case_maps_order():
    [cm] = read(CHRONOLOGY)
    cm.events = [type(cm.events[0])(id=f"e{i}", kind="other", notes=f"step {i}")
                 for i in range(1, 10)]
    cm.meetings, cm.decisions, cm.information_sharing = [], [], []
    drawing = drawn(cm)
    cards = {}
    for g in drawing.svg.findall(".//s:g[@data-ref]", NS):
        if "event" in g.get("class", ""):
            rect = g.find("s:rect", NS)
            cards[texts(g)[0]] = (float(rect.get("x")), float(rect.get("y")))
    reading = sorted(cards, key=lambda t: cards[t])   # column by column, top to bottom
    assert reading == [f"step {i}" for i in range(1, 10)]


def test_every_item_has_its_details_and_quote(drawing, chronology):
    groups = [g for g in drawing.svg.findall(".//s:g[@data-ref]", NS)
              if "item" in g.get("class", "")]
    assert len(groups) == 3 + 2 + 3 + 2   # events, decisions, sharing, meetings
    quotes = {drawing.details.items[g.get("data-ref")]["quote"] for g in groups}
    expected = {e.quote for e in (*chronology.events, *chronology.decisions,
                                  *chronology.meetings, *chronology.information_sharing)}
    assert quotes == expected
    for g in groups:
        assert g.get("tabindex") == "0"
    heads = drawing.svg.findall(".//s:g[@class='lane-head']", NS)
    assert all(h.get("data-ref") in drawing.details.items for h in heads)


def test_dated_items_carry_their_date_for_the_date_control(drawing):
    dated = {g.get("data-since") for g in drawing.svg.findall(".//s:g[@data-since]", NS)}
    assert dated == {"2021", "2022-01", "2022-02-20", "2022-02-21", "2022-03-09", "2022-04"}
    assert drawing.dates == positions(dated)
    assert "20 Feb 2022" in texts(item(drawing, "serious injury"))


def test_at_a_date_later_items_are_hidden(chronology):
    early = drawn(chronology, at="2022-02")
    hidden = {g.get("data-since") for g in early.svg.iter()
              if "hidden-by-date" in (g.get("class") or "")}
    assert hidden == {"2022-03-09", "2022-04"}
    assert early.at == "2022-02"
    with pytest.raises(KinmapError, match="not a date"):
        timeline_drawing(chronology, at="March")


def test_dates_in_words():
    assert [long_date(d) for d in ("2021", "2021-06", "2021-06-04")] == \
        ["2021", "Jun 2021", "4 Jun 2021"]
    assert positions(["2021-06", "2021", "2020-12-31", "2021-01-01"]) == \
        ["2020-12-31", "2021", "2021-01-01", "2021-06"]


def test_hostile_text_is_escaped_and_bidi_controls_made_visible():
    [cm] = read(HOSTILE)
    svg = views.timeline_svg(cm)
    root = ET.fromstring(svg)                       # still well-formed XML
    assert root.findall(".//s:script", NS) == [] and "<script" not in svg
    assert "<img" not in svg and "<iframe" not in svg and "<svg/" not in svg
    assert "\u202e" not in svg and "\u2066" not in svg and "[U+202E]" in svg
    html = views.timeline_html(cm)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "\u202e" not in html
    assert unescape("&lt;script&gt;alert(1)&lt;/script&gt;") in unescape(html)


def test_every_example_and_gold_case_map_draws():
    for path in EXAMPLE_FILES + GOLD_FILES:
        for cm in read(path):
            drawing = timeline_drawing(cm, standalone=False)
            items = len(cm.events) + len(cm.meetings) + len(cm.decisions) + \
                len(cm.information_sharing)
            assert len([g for g in drawing.svg.iter() if "item" in (g.get("class") or "")
                        .split()]) == items, cm.review.id


def test_an_empty_review_says_so():
    [cm] = read(DATA / "valid" / "minimal.yaml")
    assert "records no events" in views.timeline_svg(cm)


def test_pseudonymised_chronology_keeps_kinds_and_years_only(chronology):
    svg = views.timeline_svg(chronology, pseudonymise=True)
    assert "Kestrel" not in svg and "Child J" not in svg and "bruising" not in svg
    assert "20 Feb" not in svg and "2022" in svg
    assert "strategy meeting" in svg and "✓ made" in svg and "absent: Health" in svg
    assert "pseudonymised" in views.timeline_html(chronology, pseudonymise=True)


def test_write_timeline_by_suffix(chronology, tmp_path):
    assert views.write_timeline(chronology, tmp_path / "t.svg").read_text().startswith("<svg")
    assert "<!DOCTYPE html>" in views.write_timeline(chronology, tmp_path / "t.html").read_text()
    with pytest.raises(UnknownFormat, match="chronology"):
        views.write_timeline(chronology, tmp_path / "t.png")


def test_the_timeline_command(tmp_path):
    store = str(tmp_path / "store")

    def kinmap(*args):
        return CliRunner().invoke(cli, ["--store", store, *map(str, args)])
    assert kinmap("load", CHRONOLOGY).exit_code == 0
    out = tmp_path / "j.html"
    result = kinmap("timeline", "kestrel-child-j", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Kestrel Police" in out.read_text()
    result = kinmap("timeline", "kestrel-child-j", "--at", "2022-02", "-o", tmp_path / "j.svg")
    assert result.exit_code == 0 and "hidden-by-date" in (tmp_path / "j.svg").read_text()
    result = kinmap("timeline", "kestrel-child-j", "--pseudonymise", "-o", tmp_path / "p.svg")
    assert result.exit_code == 0 and "Kestrel" not in (tmp_path / "p.svg").read_text()
    for args in (("--at", "soon"), ("--show-text", "people.culture")):
        result = kinmap("timeline", "kestrel-child-j", *args, "-o", tmp_path / "x.html")
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, \
            result.output
    result = kinmap("timeline", "no-such-review", "-o", tmp_path / "x.html")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "timeline" in CliRunner().invoke(cli, ["--help"]).output


def test_the_page_holds_a_portrait_copy_with_ids_of_its_own(chronology):
    html = views.timeline_html(chronology)
    assert html.count('class="kinmap-view print-portrait"') == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and "tlp-arrow-missed" in ids and "tl-arrow-missed" in ids
    portrait = drawn(chronology, portrait=True)
    assert portrait.details.items == timeline_drawing(chronology).details.items
