"""The closed vocabularies of case map format versions 1 and 1.1 (see casemap.md).

Each vocabulary is a tuple, in the order the format lists it. The ontology
(`ontology/kinmap.ttl`) holds the same values as SKOS concepts; a test keeps the
two in step.
"""
from __future__ import annotations

FORMAT_VERSION = 1
#: The versions kinmap reads; 1.1 adds an agency's `service` and nothing else.
FORMAT_VERSIONS = (1, 1.1)
#: The version a case map is written in when an agency carries a service.
SERVICE_VERSION = 1.1

REVIEW_TYPE = ("lcspr", "scr", "rapid_review", "learning_review", "national_review",
               "briefing", "digest_entry", "other")

ROLE = ("subject", "mother", "father", "stepmother", "stepfather", "parent", "sister",
        "brother", "sibling", "half_sister", "half_brother", "step_sibling",
        "grandmother", "grandfather", "aunt", "uncle", "cousin", "partner_of_parent",
        "foster_carer", "special_guardian", "child_of_subject", "partner", "associate",
        "perpetrator", "peer", "professional", "other")

SEX = ("female", "male", "unknown")

DIRECTED_RELATIONSHIP = ("parent", "step_parent", "foster_parent", "special_guardian",
                         "grandparent", "carer", "harmed", "contact")
SYMMETRIC_RELATIONSHIP = ("sibling", "half_sibling", "step_sibling", "partner", "associate")
RELATIONSHIP_TYPE = DIRECTED_RELATIONSHIP + SYMMETRIC_RELATIONSHIP

HARM_NATURE = ("physical_abuse", "sexual_abuse", "neglect", "domestic_abuse",
               "exploitation", "trafficking", "other")
CONTACT_NATURE = ("supervised", "unsupervised", "staying")
#: relationship type -> the vocabulary of its `nature:`
NATURE_OF = {"harmed": "harm_nature", "contact": "contact_nature"}

PARTNER_STATUS = ("married", "cohabiting", "dating", "separated", "divorced")
QUALITY = ("close", "distant", "conflict", "hostile", "cutoff")

HOUSEHOLD_KIND = ("family_home", "foster_placement", "kinship_placement",
                  "residential_home", "residential_school", "secure",
                  "supported_accommodation", "hospital", "other")

AGENCY_KIND = ("social_care", "early_help", "police", "health", "mental_health",
               "education", "youth_justice", "probation", "housing", "voluntary", "legal",
               "partnership", "ambulance", "other")

#: Format 1.1: an agency's service, finer than its kind, so that "the GP" and "General
#: Practitioner" count as one service across reviews; each belongs to one agency kind.
#: The groups follow the DfE children in need census's sources of referral (kinmap.ttl
#: aligns each service with the census codes).
SERVICE_KIND: dict[str, str] = {
    "gp_practice": "health", "health_visiting": "health", "school_nursing": "health",
    "midwifery": "health", "emergency_department": "health", "paediatrics": "health",
    "hospital_ward": "health", "community_health": "health", "substance_misuse": "health",
    "camhs": "mental_health", "adult_mental_health": "mental_health",
    "perinatal_mental_health": "mental_health",
    "ambulance": "ambulance",
    "school": "education", "early_years": "education", "further_education": "education",
    "alternative_provision": "education", "education_support": "education",
    "childrens_social_care": "social_care", "mash": "social_care",
    "out_of_hours_social_care": "social_care", "fostering_adoption": "social_care",
    "independent_reviewing": "social_care", "adult_social_care": "social_care",
    "residential_provider": "social_care",
    "early_help": "early_help", "police": "police", "youth_justice": "youth_justice",
    "probation": "probation", "housing": "housing",
    "domestic_abuse_service": "voluntary", "voluntary_sector": "voluntary",
    "cafcass": "legal", "court": "legal",
    "other": "other",
}
SERVICE = tuple(SERVICE_KIND)

STRENGTH = ("strong", "moderate", "tenuous", "stressful", "broken")
FLOW = ("to_person", "to_agency", "both")

MEETING_KIND = ("strategy_meeting", "icpc", "rcpc", "core_group", "cin_meeting",
                "lac_review", "care_planning", "professionals_meeting", "marac", "mappa",
                "mash", "complex_safeguarding", "contextual_safeguarding",
                "gp_safeguarding", "rapid_review", "other")

DECISION_KIND = ("referral", "s47_enquiry", "single_assessment", "cin_plan", "cp_plan",
                 "care_order", "placement_move", "deprivation_of_liberty", "step_up",
                 "step_down", "case_closure", "no_further_action", "other")
OUTCOME = ("made", "declined", "not_completed", "delayed")

EVENT_KIND = ("death", "serious_injury", "missing_episode", "disclosure", "assault",
              "arrest", "conviction", "exclusion", "placement_breakdown", "incident",
              "other")

SHARING_STATUS = ("missed", "partial", "shared")

THEME = ("voice_of_child", "information_sharing", "multi_agency_working", "thresholds",
         "professional_curiosity", "cultural_competence", "contextual_safeguarding",
         "exploitation", "missing", "neglect", "domestic_abuse", "sexual_abuse",
         "mental_health", "self_harm_suicide", "placement_stability",
         "sibling_separation", "family_time", "fathers", "young_parents", "escalation",
         "management_oversight", "trauma_informed", "education", "pandemic", "other")

#: Every vocabulary by name; the names are the SKOS concept schemes of the ontology.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "review_type": REVIEW_TYPE,
    "role": ROLE,
    "sex": SEX,
    "relationship_type": RELATIONSHIP_TYPE,
    "harm_nature": HARM_NATURE,
    "contact_nature": CONTACT_NATURE,
    "partner_status": PARTNER_STATUS,
    "quality": QUALITY,
    "household_kind": HOUSEHOLD_KIND,
    "agency_kind": AGENCY_KIND,
    "service": SERVICE,
    "strength": STRENGTH,
    "flow": FLOW,
    "meeting_kind": MEETING_KIND,
    "decision_kind": DECISION_KIND,
    "outcome": OUTCOME,
    "event_kind": EVENT_KIND,
    "sharing_status": SHARING_STATUS,
    "theme": THEME,
}

#: Words people write for a value, mapped to the value the format wants.
SYNONYMS: dict[str, dict[str, str]] = {
    "role": {"mum": "mother", "mom": "mother", "dad": "father", "step_father": "stepfather",
             "step_mother": "stepmother", "stepdad": "stepfather", "stepmum": "stepmother",
             "nan": "grandmother", "nana": "grandmother", "grandad": "grandfather",
             "halfsister": "half_sister", "halfbrother": "half_brother",
             "foster_mother": "foster_carer", "foster_father": "foster_carer",
             "boyfriend": "partner_of_parent", "girlfriend": "partner_of_parent",
             "child": "subject", "victim": "subject", "offender": "perpetrator"},
    "sex": {"f": "female", "m": "male", "girl": "female", "boy": "male", "woman": "female",
            "man": "male"},
    "relationship_type": {"stepparent": "step_parent", "halfsibling": "half_sibling",
                          "harm": "harmed", "abused": "harmed"},
    "meeting_kind": {"strategy_discussion": "strategy_meeting", "strategy": "strategy_meeting",
                     "lac": "lac_review", "cla_review": "lac_review"},
    "decision_kind": {"section_47": "s47_enquiry", "s47": "s47_enquiry",
                      "child_protection_plan": "cp_plan", "child_in_need_plan": "cin_plan",
                      "assessment": "single_assessment", "nfa": "no_further_action"},
    "outcome": {"refused": "declined", "incomplete": "not_completed", "late": "delayed"},
    "sharing_status": {"not_shared": "missed", "partially_shared": "partial"},
    "service": {"gp": "gp_practice", "general_practice": "gp_practice",
                "health_visitor": "health_visiting", "school_nurse": "school_nursing",
                "a_and_e": "emergency_department", "ae": "emergency_department",
                "social_care": "childrens_social_care", "csc": "childrens_social_care",
                "yos": "youth_justice", "yot": "youth_justice", "iro": "independent_reviewing",
                "nursery": "early_years", "pru": "alternative_provision",
                "idva": "domestic_abuse_service", "voluntary": "voluntary_sector"},
}

#: Human names of the vocabularies, for error messages ("is not a role").
NOUNS = {"review_type": "review type", "relationship_type": "relationship type",
         "harm_nature": "nature of harm", "contact_nature": "nature of contact",
         "partner_status": "partner status", "household_kind": "household kind",
         "agency_kind": "agency kind", "meeting_kind": "meeting kind",
         "decision_kind": "decision kind", "event_kind": "event kind",
         "sharing_status": "information-sharing status", "service": "agency service"}


def noun(vocabulary: str) -> str:
    """The name to use for a vocabulary in a sentence: 'role', 'meeting kind'."""
    return NOUNS.get(vocabulary, vocabulary.replace("_", " "))


def a_noun(vocabulary: str) -> str:
    """The name of a vocabulary with its article: 'a role', 'an event kind'."""
    name = noun(vocabulary)
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name
