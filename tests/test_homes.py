"""Where a child lived over time, and the date control's positions and masks."""
from __future__ import annotations

from kinmap.exports.views.dates import active_mask, positions, shown_mask
from kinmap.exports.views.homes import home_at, homes_of, in_order, is_stay, stays_of
from kinmap.loaders.casemap import read_casemap_text

MOVES = """
kinmap: 1
review: {id: moves}
people:
  - {id: kit, label: Kit, subject: true}
  - {id: mum, label: Kit's mother, role: mother}
households:
  - {id: home, kind: family_home, members: [kit, mum]}
  - {id: nicu, kind: hospital, members: [kit], since: 2014-02, until: 2014-03}
  - {id: fosters, kind: foster_placement, members: [kit], since: 2016, until: 2019-06}
  - {id: short, kind: foster_placement, members: [kit], when: after that placement ended}
  - {id: gran, kind: kinship_placement, members: [kit], since: 2021-03}
  - {id: resi, kind: residential_home, members: [kit]}
"""


def _moves():
    return read_casemap_text(MOVES)[0]


def ids(households):
    return [h.id for h in households]


def test_dated_homes_in_date_order_and_undated_where_the_case_map_put_them():
    cm = _moves()
    assert ids(homes_of(cm, "kit")) == ["home", "fosters", "short", "gran", "resi"]
    # An undated home listed after a dated one stays after it, however early it is listed.
    reordered = [cm.households[i] for i in (4, 0, 2, 3, 5)]
    assert ids(in_order(reordered)) == ["fosters", "short", "resi", "gran", "home"]


def test_a_hospital_stay_is_not_a_home():
    cm = _moves()
    assert [h.id for h in cm.households if is_stay(h)] == ["nicu"]
    assert ids(stays_of(cm, "kit")) == ["nicu"]
    assert home_at(cm, "kit", "2014-02") is not None and home_at(cm, "kit", "2014-02").id == "home"


def test_home_at_a_date_follows_what_the_review_supports():
    cm = _moves()
    at = {d: (home_at(cm, "kit", d) or None) for d in
          ("2010", "2017-05", "2019-06", "2020", "2021-03", "2024")}
    assert {d: h.id if h else None for d, h in at.items()} == {
        "2010": "home",          # undated, before the first dated home
        "2017-05": "fosters",
        "2019-06": "fosters",    # its last month
        "2020": "short",         # after the fosters ended: the undated successor
        "2021-03": "gran",
        "2024": "gran",          # an undated later home may have begun: not claimed
    }
    assert home_at(cm, "kit", None).id == "resi"  # with no date, the latest
    assert home_at(cm, "mum", "2016") .id == "home"
    assert home_at(cm, "nobody", None) is None


def test_a_dated_home_that_ended_with_no_successor_is_not_claimed():
    cm = read_casemap_text(MOVES.replace("  - {id: short, kind: foster_placement, members: "
                                         "[kit], when: after that placement ended}\n", ""))[0]
    assert home_at(cm, "kit", "2020") is None


def test_positions_and_masks():
    points = positions(["2021-03", None, "2019", "2019-06", "2021-03", "2016"])
    assert points == ["2016", "2019", "2019-06", "2021-03"]
    assert active_mask(points, "2019", "2020") == "0110"
    assert active_mask(points, None, None) is None
    assert shown_mask(points, lambda p: p.startswith("2021")) == "0001"
