"""Agencies from fictional sentences: exactly which agencies, with which kind and label."""
from __future__ import annotations

from kinmap.loaders.extract import extract
from kinmap.model import CaseMap


def review(body: str) -> CaseMap:
    text = f"Learning Review – PIPPA\n\nBackground\n\nPippa was 9. She lived in Fenmoor.\n\n{body}\n"
    return extract(text, "fictional.txt")[0]


def agencies(cm: CaseMap) -> set[tuple[str, str]]:
    return {(a.label, a.kind) for a in cm.agencies}


def test_exact_agencies_of_a_sentence():
    cm = review("Pippa was known to Fenmoor children's social care (CSC), the health visitor, "
                "her GP and Fenmoor Police.")
    assert agencies(cm) == {("Fenmoor children's social care", "social_care"),
                            ("health visitor", "health"), ("GP", "health"),
                            ("Fenmoor Police", "police")}


def test_every_police_mention_is_the_one_named_force():
    cm = review("The police attended. Officers from Marrow Constabulary spoke to Pippa. Local "
                "Police later closed the case. GMP was not involved.")
    police = [a for a in cm.agencies if a.kind == "police"]
    assert [a.label for a in police] == ["Marrow Constabulary"]


def test_a_school_needs_a_determiner_or_a_name():
    assert agencies(review("She was not in school and wanted a different school.")) == set()
    cm = review("Her primary and secondary school teachers were worried. The school referred "
                "her. Hillside Academy said nothing.")
    assert agencies(cm) == {("primary school", "education"), ("secondary school", "education"),
                            ("Hillside Academy", "education")}


def test_an_organisation_defined_with_its_acronym():
    cm = review("The Association of Youth Mentors (AYM) worked with her. AYM later stopped "
                "seeing Pippa.")
    assert agencies(cm) == {("Association of Youth Mentors (AYM)", "other")}
    mentor = cm.agencies[0]
    mentioned = [i for i in cm.involvements if i.agency == mentor.id]
    assert mentioned, "the later acronym counts as a mention of the same agency"


def test_a_multi_agency_process_with_an_acronym_is_not_an_agency():
    cm = review("The Multi-Agency Risk Panel (MARP) met about exploitation.")
    assert agencies(cm) == set()


def test_each_item_of_a_list_of_contributing_agencies():
    cm = review("The following agencies contributed to the review:\n\n- Children's Social Care\n"
                "- BRIGHTWAY\n- Youth Offending Team\n- Education\n- Early Help/Family Link\n\n"
                "Findings\n\nFamily Link supported her mother.")
    assert agencies(cm) == {("Children's Social Care", "social_care"), ("BRIGHTWAY", "other"),
                            ("Youth Offending Team", "youth_justice"), ("Education", "education"),
                            ("Early Help/Family Link", "early_help")}


def test_the_partnership_that_commissioned_the_review_is_no_agency_in_the_case():
    cm = review("Fenmoor Safeguarding Children Partnership commissioned the review. FSCP will "
                "monitor the action plan. The partnership accepted it. The police visited.")
    assert agencies(cm) == {("police", "police")}


def test_a_recommendation_to_the_partnership_makes_it_no_agency_in_the_case():
    cm = review("Fenmoor Safeguarding Children Partnership commissioned the review. The police "
                "visited.\n\nRecommendations\n\n1. FSCP should audit strategy meetings.\n"
                "2. The police should review their notifications.")
    assert agencies(cm) == {("police", "police")}
    assert [r.to for r in cm.recommendations] == [[], [cm.agencies[0].id]]


def test_a_hospital_named_only_in_advice_is_no_agency():
    cm = review("Learning includes: plans should be agreed before babies are discharged from "
                "hospital.")
    assert agencies(cm) == set()
    cm = review("An ambulance took her to hospital.")
    assert agencies(cm) == {("ambulance", "ambulance"), ("hospital", "health")}


def test_early_help_as_a_level_of_need_is_no_agency():
    assert agencies(review("Support stayed at the early help level of need.")) == set()
    assert agencies(review("Early Help worked with her.")) == {("Early Help", "early_help")}


def test_teams_are_part_of_childrens_social_care():
    cm = review("Children's social care allocated the complex safeguarding team; the MASH had "
                "screened the referral.")
    by_label = {a.label: a for a in cm.agencies}
    csc = by_label["Children's social care"]
    assert by_label["complex safeguarding team"].part_of == csc.id
    assert by_label["MASH"].part_of == csc.id


def test_adult_social_care_is_not_childrens_social_care():
    cm = review("Adult social care supported her mother; children's social care did not.")
    assert {(label.lower(), kind) for label, kind in agencies(cm)} == {
        ("adult social care", "social_care"), ("children's social care", "social_care")}
