"""Meetings, decisions, events and information sharing from fictional sentences.

What happened in the case is kept apart from what a learning point or a
recommendation says should happen in future.
"""
from __future__ import annotations

from kinmap.loaders.extract import extract
from kinmap.model import CaseMap


def review(body: str, tail: str = "") -> CaseMap:
    text = (f"Learning Review – RORY\n\nBackground\n\nRory was 13. He lived in Fenmoor.\n\n{body}\n"
            f"\n{tail}\n")
    return extract(text, "fictional.txt")[0]


def kinds(items) -> list[str]:
    return sorted(x.kind for x in items)


def test_a_recommendation_to_hold_meetings_is_no_meeting():
    cm = review("Nothing else happened.", "Recommendations\n\n1. Strategy meetings should be "
                "held whenever a child goes missing.\n2. The partnership must ensure an Initial "
                "Child Protection Conference is convened within 15 days.")
    assert cm.meetings == [] and cm.events == [] and cm.decisions == []
    assert len(cm.recommendations) == 2


def test_advice_in_a_learning_section_is_no_meeting():
    cm = review("Nothing else happened.", "Key Learning\n\nStrategy discussions should always "
                "include the GP. When police attend an incident, it is important to consider "
                "the child.")
    assert cm.meetings == [] and cm.events == []


def test_a_meeting_held_with_one_agency_and_without_another():
    cm = review("A strategy discussion was held with Fenmoor Police, but the GP was not invited.")
    meeting = cm.meetings[0]
    labels = {a.id: a.label for a in cm.agencies}
    assert meeting.kind == "strategy_meeting"
    assert [labels[a] for a in meeting.attended] == ["Fenmoor Police"]
    assert [labels[a] for a in meeting.absent] == ["GP"]


def test_mentions_of_one_kind_are_one_meeting_with_its_date():
    cm = review("A core group meeting was held in March 2022. The core group met again but the "
                "school did not attend.")
    assert [(m.kind, m.date) for m in cm.meetings] == [("core_group", "2022-03")]


def test_decision_outcomes_come_from_their_own_clause():
    cm = review("A Section 47 enquiry was completed, and a Child and Family Assessment was being "
                "progressed.\n\nA request to step up to children's social care was declined.\n\n"
                "It was 19 weeks after the initial referral before he was seen.\n\n"
                "A strategy meeting recommended a single assessment. The single assessment did "
                "not take place.")
    outcomes = sorted((d.kind, d.outcome) for d in cm.decisions)
    assert outcomes == [("referral", "delayed"), ("s47_enquiry", "made"),
                        ("single_assessment", "not_completed"),
                        ("single_assessment", "not_completed"), ("step_up", "declined")]
    from_meeting = [d for d in cm.decisions if d.meeting]
    assert [d.meeting for d in from_meeting] == [cm.meetings[0].id]


def test_a_conference_that_decided_on_a_plan():
    cm = review("An Initial Child Protection Conference in May 2021 decided that Rory should be "
                "subject to a child protection plan.")
    assert kinds(cm.meetings) == ["icpc"]
    assert [(d.kind, d.outcome) for d in cm.decisions] == [("cp_plan", "made")]


def test_placement_moves_are_counted_per_sentence():
    cm = review("Rory was placed with foster carers in 2019. He moved to a residential home in "
                "2020. He returned to the previous residential home a month later.")
    assert kinds(cm.decisions) == ["placement_move"] * 3
    assert {h.kind for h in cm.households} == {"foster_placement", "residential_home"}


def test_a_death_is_one_event_with_its_date_and_marks_the_child():
    cm = review("In June 2021 Rory died by suicide. That Rory took his own life shocked "
                "everyone.")
    assert [(e.kind, e.date) for e in cm.events] == [("death", "2021-06")]
    assert cm.subjects[0].died == "2021-06"


def test_at_risk_of_going_missing_is_no_missing_episode():
    cm = review("His cousin was at risk of going missing.")
    assert cm.events == []
    cm = review("Rory went missing from home in May 2022.")
    assert [(e.kind, e.date) for e in cm.events] == [("missing_episode", "2022-05")]


def test_events_of_an_assault_and_its_aftermath():
    cm = review("Rory was the victim of a serious assault and sustained serious, non-life "
                "threatening injuries. A man was arrested and later convicted. Rory disclosed "
                "that he had been threatened before.")
    assert kinds(cm.events) == ["arrest", "assault", "conviction", "disclosure"]


def test_information_sharing_missed_partial_and_shared():
    cm = review("The school raised concerns in 2020. This was a missed opportunity to share "
                "information.\n\nThe health visitor saw him. The GP was not informed.\n\n"
                "It is not clear what information was shared with the police.\n\nThere was good "
                "information sharing between the nursery and the health visitor.")
    labels = {a.id: a.label for a in cm.agencies}
    found = [(s.status, labels.get(s.from_), labels.get(s.to)) for s in cm.information_sharing]
    assert found == [("missed", "school", None), ("missed", "health visitor", "GP"),
                     ("partial", None, "police"), ("shared", "nursery", "health visitor")]


def test_information_sharing_advice_is_not_a_link():
    cm = review("Nothing else happened.", "Recommendations\n\n1. Agencies should ensure that "
                "information is shared with schools.")
    assert cm.information_sharing == []


def test_a_negated_shared_cue_is_a_missed_link():
    cm = review("The police attended twice. Neither callout was shared with the school.")
    assert [s.status for s in cm.information_sharing] == ["missed"]


def test_a_question_to_the_reader_states_nothing():
    cm = review("Nothing else happened.", "Questions to consider\n\nWho decides which partners "
                "are invited to a strategy meeting?")
    assert cm.meetings == []


def test_the_child_telling_an_adult_is_a_disclosure_but_a_parent_telling_is_not():
    cm = review("Rory told a teaching assistant that he was hungry at home.")
    assert kinds(cm.events) == ["disclosure"]
    cm = review("His mother told the social worker that she was coping.")
    assert cm.events == []
