"""The extractor on fictional passages in other house styles, one capability each.

Every passage is written for kinmap (no real review): initials, designations
('Father 2', 'Child 3'), a flattened family table, a chronology table, a slide
deck, a Welsh child practice review, a repository listing, and the traps a
careful reviewer avoids (a criminal 'Section 47 assault', an acquittal, a date
told with the wrong verb, the review process taken for the case).
"""
from __future__ import annotations

from kinmap.loaders.extract import extract
from kinmap.model import CaseMap


def review(text: str) -> CaseMap:
    (cm,) = extract(text, "passage.txt")
    return cm


def people(cm: CaseMap) -> dict[str, str]:
    return {p.label or p.id: p.role or "" for p in cm.people}


def ties(cm: CaseMap) -> set[tuple[str, str, str]]:
    label = {p.id: p.label for p in cm.people}
    return {(r.type, label[r.from_], label[r.to]) for r in cm.relationships}


def test_initials_name_the_child_and_the_mother_and_dates_bind_to_their_verbs():
    cm = review("Review of the death of JT\n\nJT was born on 3 March 2015 and died on 9 May 2017 "
                "from a head injury. His mother NW had had two previous children removed because "
                "of the danger posed to them by her (then) partner. JT was placed on the child "
                "protection register from birth. NW has a long history of alcohol misuse.\n")
    (subject,) = cm.subjects
    assert (subject.label, subject.born, subject.died) == ("JT", "2015-03-03", "2017-05-09")
    roles = people(cm)
    mother = next(label for label, role in roles.items() if role == "mother")
    assert "NW" in mother
    assert roles["two previous children (group)"] == "sibling"
    assert roles["her (then) partner"] == "partner_of_parent"
    assert ("parent", mother, "two previous children (group)") in ties(cm)
    assert ("partner", mother, "her (then) partner") in ties(cm)
    assert {d.kind for d in cm.decisions} >= {"cp_plan", "other"}  # the register; the removal


def test_designated_family_members_and_the_ties_stated_between_them():
    cm = review("Child P died at home at the age of 6 weeks whilst in the care of his parents, "
                "referred to as Mother and Father 2. Child P was the younger brother of Child 3, "
                "aged 4 and Child 4, aged 2. Mother had two older children from a previous "
                "marriage to Father 1, Child 1, aged 9 and Child 2, aged 7.\n")
    roles = people(cm)
    assert roles["Father 2"] == "father" and roles["Father 1"] == "other"
    assert {roles[f"Child {n}"] for n in (1, 2, 3, 4)} == {"sibling"}
    assert cm.subjects[0].age == "6 weeks"
    found = ties(cm)
    mother = next(label for label, role in roles.items() if role == "mother")
    assert {("parent", mother, "Child 1"), ("parent", "Father 1", "Child 1"),
            ("parent", "Father 1", "Child 2"), ("partner", mother, "Father 1"),
            ("sibling", "Child P", "Child 3"), ("sibling", "Child P", "Child 4")} <= found
    # Child 1 and 2 are half siblings of Child P only by derivation: not drawn
    assert not {t for t in found if t[0] == "sibling" and "Child 1" in t}


def test_a_family_table_flattened_one_cell_a_line():
    cm = review("Child Safeguarding Practice Review: Nell\n\n1. The family\n\nName\nRelationship "
                "to Nell\nAge\n\nNell\nSubject child\n6\n\nMs T\nMother\n30\n\nMr D\nFather 1 "
                "(Nell's father)\n33\n\nMr W\nFather 2 (Ivo's father); Ms T's partner\n35\n\nIvo\n"
                "Half-brother\n2\n\n2. What happened\n\nNell was taken to hospital in May 2024 "
                "with a broken arm. Ms T and Mr W said she fell. Nell told her teacher that Mr W "
                "had pushed her.\n")
    roles = people(cm)
    assert roles == {"Nell": "subject", "Ms T": "mother", "Mr D": "father",
                     "Mr W": "partner_of_parent", "Ivo": "half_brother"}
    assert {p.label: p.age for p in cm.people}["Ms T"] == 30
    found = ties(cm)
    assert {("parent", "Ms T", "Nell"), ("parent", "Mr D", "Nell"), ("parent", "Mr W", "Ivo"),
            ("partner", "Ms T", "Mr W"), ("half_sibling", "Nell", "Ivo")} <= found


def test_a_chronology_of_date_agency_and_text_lines_is_no_family_table():
    # found by the national corpus: the agency line above an entry ("GP") was read as a
    # name and the entry's text as its relationship cell, and the review failed to load
    # (KeyError) when "Mother", already named, was folded into that "GP"
    cm = review("Child Safeguarding Practice Review: Child GG\n\nTHE FAMILY\n\n1. The family "
                "members are set out below.\n\n\u2022 Child GG (subject child, 6)\n\u2022 Mother "
                "(mother, 27)\n\u2022 MGM (maternal grandmother, 52)\n\n2. Child GG lived with "
                "his mother, Mother.\n\nCHRONOLOGY\n\n31.01.2018\nGP\nChild GG missed his "
                "immunisations. The surgery wrote to Mother twice.\n\n02.02.2018\nMASH\nText "
                "message from Mother. Appointment rearranged at Mother's request.\n\n"
                "07.02.2018\nGP\nMr D registered with the surgery.\n")
    roles = {p.id: p.role for p in cm.people}
    assert roles["mother"] == "mother" and "gp" not in roles


def test_a_name_folded_into_another_person_still_names_them():
    from kinmap.loaders.extract.builder import Builder
    from kinmap.loaders.extract.digest import split_reviews
    from kinmap.loaders.extract.people import Registry
    from kinmap.loaders.extract.sentences import Document
    text = "Review: Child Q\n\nHer mother, Ms F, and Father 2 attended.\n"
    segment = split_reviews(text)[0]
    builder = Builder(text, Document(text), segment, "passage.txt")
    registry = Registry(builder)
    sentence = builder.doc.sentences[-1]
    one = registry.add(role="mother", sex="female", generation=1, plural=False, mods=[],
                       label="mother", sentence=sentence, start=sentence.start,
                       end=sentence.start + 3, rule="kin-phrase", kin=True)
    two = registry.add(role="mother", sex="female", generation=1, plural=False, mods=[],
                       label="Ms F", sentence=sentence, start=sentence.start + 4,
                       end=sentence.start + 8, rule="designation", kin=True, key="name:ms f")
    registry.aliases["Mother"] = one
    registry.merge(one, two)
    assert registry.aliases["Mother"] == two and two in registry.records


def test_a_chronology_table_gives_decisions_events_and_sharing():
    cm = review("Local Child Safeguarding Practice Review – Tomasz\n\nTomasz lived with his "
                "mother, Mrs R.\n\nDate | Agency | Event\n"
                "02/03/2022 | Eastholm Police | Officers attend the home after neighbours report "
                "shouting.\n"
                "03/03/2022 | Eastholm Police | Notification of the incident sent to the MASH. "
                "Not passed on to the school.\n"
                "10/05/2022 | Eastholm Children's Social Care | Single assessment completed; "
                "outcome: child in need plan.\n"
                "01/09/2022 | Eastholm Children's Social Care | Case closed; plan stepped down to "
                "early help.\n")
    assert {d.kind for d in cm.decisions} >= {"single_assessment", "cin_plan", "case_closure",
                                              "step_down"}
    assert "incident" in {e.kind for e in cm.events}
    assert sorted(s.status for s in cm.information_sharing) == ["missed", "shared"]
    assert people(cm)["mother (Mrs R)"] == "mother"


def test_a_slide_deck_is_one_review_about_the_child_its_title_names():
    cm_list = extract("PT SCR: lessons for practice\n\nSlide 1\nSerious Case Review PT\n"
                      "Neglect and domestic abuse\n\nSlide 2\nPT SCR: Effects of Domestic Abuse\n"
                      "• Six reports of domestic abuse had been made to police by 2019\n"
                      "• In June 2019 (RB) forced entry to the flat and assaulted LM.\n"
                      "• RB was prosecuted and received a suspended sentence.\n\n"
                      "Slide 3\nPT SCR: Effects of Neglect\n• PT was often hungry at school, and "
                      "staff gave him breakfast most days.\n", "slides.txt")
    assert len(cm_list) == 1, "slide headings are no digest entries"
    cm = cm_list[0]
    assert [p.label for p in cm.subjects] == ["PT"]
    assert not {"Domestic", "Effects", "Abuse", "Neglect"} & set(people(cm))
    assert ("harmed", "RB", "LM") in ties(cm)
    assert {"incident", "assault", "conviction"} <= {e.kind for e in cm.events}


def test_a_welsh_child_practice_review_keeps_the_board_and_government_out_of_the_case():
    cm = review("Extended Child Practice Review: Child M\n\nThe Gorsfan Regional Safeguarding "
                "Board commissioned this review under Welsh Government guidance. Child M was "
                "placed on the Child Protection Register in 2021. The health board was invited to "
                "the strategy meeting but did not attend. Children's services held information "
                "about the father that was not shared with the health visitor.\n")
    labels = {a.label or "" for a in cm.agencies}
    assert not [x for x in labels if "Board" in x and "health" not in x.lower()]
    assert not [x for x in labels if "Government" in x]
    assert "cp_plan" in {d.kind for d in cm.decisions}
    assert "missed" in {s.status for s in cm.information_sharing}


def test_a_repository_listing_gives_one_review_per_dated_entry():
    cms = extract("Case reviews published in 2019\n\nMay 2019 - Northvale - LW4\nDeath of a "
                  "6-month-old girl in 2018 from a head injury. Her father was convicted of "
                  "manslaughter.\n\nMay 2019 - Eastholm - Child Z\nSexual exploitation of a "
                  "15-year-old boy by a group of adult men. Child Z went missing eleven times.\n",
                  "digest.txt")
    assert [cm.subjects[0].label for cm in cms] == ["LW4", "Child Z"]
    assert "death" in {e.kind for e in cms[0].events}
    assert "missing_episode" in {e.kind for e in cms[1].events}


def test_traps_a_criminal_section_47_an_acquittal_and_the_review_process():
    cm = review("Review of Child K\n\nChild K's father was charged with a Section 47 assault "
                "against her mother. Mr S was acquitted of assaulting Child K. The partnership "
                "decided that a serious case review was necessary. The Eastholm Safeguarding "
                "Children Partnership commissioned the review.\n")
    assert "s47_enquiry" not in {d.kind for d in cm.decisions}
    assert not [t for t in ties(cm) if t[0] == "harmed" and t[1] == "Mr S"]
    assert not cm.decisions or all("review" not in (d.quote or "") for d in cm.decisions)
    assert not [a for a in cm.agencies if a.kind == "partnership"]


def test_a_general_statement_is_no_meeting_and_quotes_are_the_stating_clause():
    cm = review("Six-step briefing: Baby Q\n\n4. The findings\n\n• Strategy discussion / S47 "
                "enquiry enables background checks to be carried out and information verified.\n"
                "\n5. The case\n\nBaby Q was admitted to hospital with a fractured skull in "
                "March 2022, after months in which the family had moved three times, the health "
                "visitor had not been able to see the baby, and the police had been called to "
                "the home twice.\n")
    assert not cm.meetings and "s47_enquiry" not in {d.kind for d in cm.decisions}
    (injury,) = [e for e in cm.events if e.kind == "serious_injury"]
    assert injury.date == "2022-03"
    assert len(injury.quote) < 110 and "fractured skull" in injury.quote


def test_sentences_without_a_full_stop_are_cut_so_work_stays_bounded():
    from kinmap.loaders.extract.sentences import MAX_SENTENCE, Document
    text = ", ".join(["the health visitor saw the baby at home"] * 2000)
    doc = Document(text)
    assert len(doc.sentences) > 1
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
    assert doc.sentences[0].start == 0 and doc.sentences[-1].end == len(text)


def test_meetings_not_held_are_none_and_two_dates_are_two_meetings():
    cm = review("Child W\n\nA referral to MARAC was made by Eastholm Police in July 2019. A repeat "
                "referral to MARAC was made in March 2020. No strategy discussion was held in "
                "which the police, the school and the GP could share what they knew. It was "
                "agreed that there would be an ICPC if there was a further incident.\n")
    assert sorted((m.kind, m.date) for m in cm.meetings) == [("marac", "2019-07"),
                                                             ("marac", "2020-03")]
    assert len([s for s in cm.information_sharing if s.status == "missed"]) == 1


def test_a_parent_not_knowing_is_no_missed_sharing_but_an_agency_not_knowing_is():
    cm = review("Child W\n\nMother said that she did not know she was pregnant. The health "
                "visiting service did not know that the father had moved back in.\n")
    (link,) = cm.information_sharing
    assert link.status == "missed" and "health visiting" in link.quote
