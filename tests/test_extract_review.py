"""What a review is (title, type, partnership, dates), and its findings and recommendations."""
from __future__ import annotations

from kinmap.loaders.extract import extract

REVIEW = """Ashgrove Safeguarding Children Partnership

Serious Case Review

Child F

1. Introduction

1.1 Ashgrove Safeguarding Children Partnership (ASCP) commissioned this review of the period
between March 2019 and July 2021. It was published in October 2022.

1.2 Child F was 6 when she was admitted to hospital.

2. Key Learning

Learning no.1 Professionals did not hear the voice of Child F.

Agencies did not share information about domestic abuse in the home.

3. Recommendations

Recommendation 1

ASCP should seek assurance that schools record concerns.

Recommendation 2

Ashgrove Police to review how domestic abuse notifications reach schools.
"""


def test_review_metadata():
    (cm,) = extract(REVIEW, "ashgrove-f.txt")
    review = cm.review
    assert review.id == "ashgrove-child-f"  # the area keeps "Child F" apart nationally
    assert review.title == "Serious Case Review – Child F"
    assert review.type == "scr"
    assert review.partnership == "Ashgrove Safeguarding Children Partnership"
    assert review.area == "Ashgrove"
    assert (review.period_from, review.period_to, review.published) == ("2019-03", "2021-07",
                                                                         "2022-10")
    assert review.source_file == "ashgrove-f.txt"
    assert review.quote == "Child F"


def test_review_types_from_the_title_lines():
    def kind(head: str) -> str:
        return extract(f"{head}\n\nChild G\n\nChild G was hurt.\n", "g.txt")[0].review.type
    assert kind("7 minute briefing") == "briefing"
    assert kind("Learning Summary") == "briefing"
    assert kind("Local Child Safeguarding Practice Review") == "lcspr"
    assert kind("Serious Case Review") == "scr"
    assert kind("Multi-agency learning review") == "learning_review"


def test_findings_with_themes():
    (cm,) = extract(REVIEW, "ashgrove-f.txt")
    found = [(f.text, f.themes) for f in cm.findings]
    assert found == [
        ("Learning no.1 Professionals did not hear the voice of Child F.", ["voice_of_child"]),
        ("Agencies did not share information about domestic abuse in the home.",
         ["information_sharing", "domestic_abuse"])]


def test_recommendations_with_their_addressees():
    (cm,) = extract(REVIEW, "ashgrove-f.txt")
    labels = {a.id: a.label for a in cm.agencies}
    found = [(r.text, [labels[a] for a in r.to]) for r in cm.recommendations]
    assert found == [
        ("ASCP should seek assurance that schools record concerns.", []),  # the review body
        ("Ashgrove Police to review how domestic abuse notifications reach schools.",
         ["Ashgrove Police"])]


def test_digest_learning_and_recommendations_split_on_semicolons():
    text = ("Reviews published in April 2023\n\n1. Serious case review: Baby K\n\n"
            "Death of a 3-month-old girl in 2022.\n\nLearning includes: the voice of the baby; "
            "and the importance of fathers.\n\nRecommendations for the Director of Children's "
            "Services include: improve supervision; review the neglect strategy.\n\n"
            "2. Local child safeguarding practice review: Jay\n\nJay, a 15-year-old boy, was "
            "stabbed.\n")
    first, second = extract(text, "digest.txt")
    assert [f.text for f in first.findings] == ["the voice of the baby",
                                                "the importance of fathers"]
    assert [f.themes for f in first.findings] == [["voice_of_child"], ["fathers"]]
    labels = {a.id: a.label for a in first.agencies}
    assert [(r.text, [labels[a] for a in r.to]) for r in first.recommendations] == [
        ("improve supervision", ["Children's Services"]),
        ("review the neglect strategy", ["Children's Services"])]
    assert (first.subjects[0].label, first.subjects[0].age, first.subjects[0].sex) == (
        "Baby K", "3 months", "female")
    assert (second.subjects[0].label, second.subjects[0].age) == ("Jay", 15)
    assert second.findings == [] and second.recommendations == []
