"""The words of the national corpus: fictional names, agencies and sentence templates.

Written for kinmap from the project's own fictional fixtures (the texts of
`tests/data/extract/`, its `heldout*/` sets and `examples/`) and the
vocabularies of `benchmarks/synthetic.py`; nothing here comes from a real
review. Templates are `str.format_map` strings over the slots a case fills in
(`national.Case.slots`): `{child}` the subject's pseudonym, `{he}`/`{him}`/`{his}`
its pronouns, `{mother}`, `{father}`, `{partner}`, `{sibling}`, `{gran}`,
`{police}`, `{csc}`, `{school}`, `{gp}`, `{hv}`, `{camhs}`, `{hospital}`, ...
"""
from __future__ import annotations

from synthetic import _NAMES, _PLACE_END, _PLACE_START

PLACE_START = _PLACE_START + ("Brack", "Hollins", "Kels", "Marsh", "Oak", "Salt", "Thorn",
                              "Tarn", "Millb", "Harrow", "Kestrel", "Eld", "Ystr")
PLACE_END = _PLACE_END + ("moor", "dale", "brook", "hurst", "combe", "well")
SECOND_PLACE = ("Lyne", "Wyre", "Vale", "Fold", "Marsh", "Down", "Water")

#: First-name pseudonyms (synthetic.py's, and the fixtures' fictional children).
FIRST_NAMES = _NAMES + ("Kacper", "Ruby", "Lily", "Jordan", "Kian", "Maisie", "Zofia",
                        "Jayden", "Kai", "Leo", "Alex", "Ryan", "Tyler", "Ella", "Noah",
                        "Amara", "Isla", "Reggie", "Sienna", "Harley", "Oskar", "Layla")
GIRLS = frozenset({"Ada", "Bea", "Dara", "Hana", "Mae", "Nell", "Tia", "Wren", "Ruby", "Lily",
                   "Maisie", "Zofia", "Ella", "Amara", "Isla", "Sienna", "Layla"})
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
#: Invented first names, one per document of a corpus (18 x 14 x 9 = 2,268 of them).
SYLLABLES = (("Ka", "Ri", "Jo", "Ma", "Le", "Zo", "Ar", "El", "Mi", "Ty", "Sa", "No", "Da", "Fe",
              "Ha", "Lu", "Ro", "Vi"),
             ("ren", "den", "lan", "son", "ric", "mir", "bel", "dor", "len", "vin", "tan", "rik",
              "mon", "ris"),
             ("", "a", "o", "ie", "y", "el", "is", "an", "er"))

REVIEW_KINDS = (  # (title, body name, partnership pattern, weight)
    ("Local Child Safeguarding Practice Review", "this local child safeguarding practice review",
     "{area} Safeguarding Children Partnership", 5),
    ("Child Safeguarding Practice Review", "this child safeguarding practice review",
     "{area} Children's Safeguarding Partnership", 3),
    ("Serious Case Review", "this serious case review",
     "{area} Local Safeguarding Children Board", 2),
    ("Extended Child Practice Review", "this extended child practice review",
     "{area} Regional Safeguarding Children Board", 1),
)

#: (slot, label pattern, weight): the agencies a case may know; {area} and {place} fill in.
AGENCIES = (
    ("police", "{area} Police", 1), ("csc", "{area} Children's Social Care", 1),
    ("school", "{place} Primary School", 1), ("gp", "{place} Surgery", 1),
    ("hv", "the health visiting service", 1), ("camhs", "CAMHS", 1),
    ("hospital", "{area} General Hospital", 1), ("mash", "the {area} MASH", 1),
    ("early_help", "the early help service", 1), ("probation", "the Probation Service", 1),
    ("housing", "{area} Housing Services", 1), ("amh", "the adult mental health team", 1),
    ("ambulance", "the ambulance service", 1), ("dva", "the {place} Domestic Abuse Service", 1),
    ("drugs", "the {area} Recovery Service", 1), ("midwife", "the midwifery service", 1),
    ("nursery", "{place} Nursery", 1), ("yot", "the Youth Offending Team", 1),
)
CHRONOLOGY_AGENCY = {  # how a chronology table names each agency in its Agency column
    "police": "{area} Police", "csc": "Children's Social Care", "school": "{place} Primary School",
    "gp": "GP", "hv": "Health Visiting", "camhs": "CAMHS", "hospital": "{area} General Hospital",
    "mash": "MASH", "early_help": "Early Help", "probation": "Probation Service",
    "housing": "Housing", "amh": "Adult Mental Health", "ambulance": "Ambulance Service",
    "dva": "Domestic Abuse Service", "drugs": "Recovery Service", "midwife": "Midwifery",
    "nursery": "{place} Nursery", "yot": "Youth Offending Team",
}

#: Chronology entries by agency slot: what happened, told as the records tell it.
EVENTS = {
    "police": (
        "Officers attended the home after neighbours reported shouting; {partner} had left before they arrived. A domestic abuse risk assessment was graded {risk}.",
        "Police were called by {mother} following an argument with {partner}. {child} was present in the home.",
        "A notification of the incident was sent to the MASH. It was not passed on to {school}.",
        "{partner} was arrested for assault and released on bail with conditions not to contact {mother}.",
        "{child} was reported missing overnight and was found by officers at {gran}'s address.",
        "{child} disclosed to a police officer that {partner} had hit {him}. This information was not shared with {school}.",
        "Officers carried out a welfare check at the request of {csc} and saw {child} asleep.",
        "{partner} was convicted of assaulting a former partner and received a community order.",
    ),
    "csc": (
        "A referral was received from {school}. The threshold for a child and family assessment was not met and the family was signposted to the early help service.",
        "Single assessment completed; outcome: child in need plan for {child} and {sibling}.",
        "A child in need meeting was held. {school} and the school nurse attended; {gp} sent apologies.",
        "An initial child protection conference decided that {child} should be subject to a child protection plan under the category of {category}.",
        "The case was closed to children's social care and the plan was stepped down to early help.",
        "The social worker visited the home and saw {child} alone. The home conditions were recorded as poor.",
        "A core group meeting was cancelled because {mother} did not attend.",
        "A review child protection conference was held. {police} did not attend and sent no report.",
        "A strategy discussion was held with {police}, but the GP was not invited. It was agreed that a section 47 enquiry was not needed.",
        "The decision was made to close the case with no further action.",
        "A strategy meeting agreed a section 47 enquiry and a child protection medical for {child}.",
        "The social worker changed for the third time in the period; {mother} was not told.",
    ),
    "school": (
        "Class teacher recorded that {child} was withdrawn and often hungry; the concern was logged on the school's safeguarding system.",
        "{child}'s attendance fell to {pct}% in the {term} term.",
        "{school} made a referral to children's social care after {child} arrived with a bruise on {his} {bodypart}.",
        "The designated safeguarding lead spoke to {mother}, who said that {child} had fallen. The school did not make a referral.",
        "{child} told a teaching assistant that {he} did not want to go home. This was recorded but not shared.",
        "{school} invited {mother} to a meeting about {child}'s attendance; she did not come.",
    ),
    "gp": (
        "{mother} was seen by the GP; a diagnosis of depression was recorded and medication reviewed. No children were recorded on her file.",
        "{child} was not brought to an appointment. The GP was not informed by the practice nurse.",
        "{child} missed {his} immunisations. {gp} wrote to {mother} twice and informed the health visitor.",
        "{partner} registered with {gp}; his record showed a history of alcohol misuse.",
    ),
    "hv": (
        "The health visitor completed a developmental review. {mother} said that she felt low; the health visitor did not ask about {partner}.",
        "{child} was not brought to two developmental reviews. The GP was not informed.",
        "The health visitor noted that the home was cold and cluttered and that {child} had nappy rash.",
        "The health visitor made a referral to children's social care the same day.",
    ),
    "camhs": (
        "A referral from the GP about {child}'s low mood was declined; the letter advised school-based counselling.",
        "{child} was seen for an assessment and placed on the waiting list for twelve weeks.",
        "{child} did not attend two appointments and was discharged back to the GP.",
    ),
    "hospital": (
        "{child} was taken to the Emergency Department with {injury}. The paediatrician found injuries consistent with physical abuse.",
        "{child} attended the Emergency Department with a burn to {his} hand; the explanation was accepted.",
        "{mother} attended the Emergency Department after a fall; she said that she lived alone.",
    ),
    "mash": (
        "The MASH received a notification from the police and decided no further action.",
        "The MASH decided that the threshold for a strategy discussion was not met.",
        "The MASH sent the information to the health visitor but not to {school}.",
    ),
    "early_help": (
        "An early help assessment was offered; {mother} did not engage and the early help service closed the case.",
        "The family support worker visited and saw {child} and {sibling}. {partner} was not seen.",
        "A team around the family meeting was held. {gp} did not attend.",
    ),
    "probation": (
        "{partner} was under the supervision of the Probation Service for an assault on a former partner; the Probation Service was not told that he now lived with children.",
        "The probation officer did not tell children's social care about {partner}'s conviction.",
    ),
    "housing": (
        "The family were placed in temporary accommodation after eviction from their flat. {school} was not told of the move.",
        "A housing officer visited about rent arrears and saw {child} at home during school hours.",
    ),
    "amh": (
        "{mother} was admitted to hospital under section 2 of the Mental Health Act. {child} stayed with {gran}. No referral was made to children's social care.",
        "The adult mental health team discharged {mother} to the GP without asking who cared for {child}.",
    ),
    "ambulance": (
        "{mother} called an ambulance; {child} was unresponsive and was taken to {hospital}.",
        "The ambulance crew took {mother} to hospital and did not make a safeguarding referral for {child}.",
    ),
    "dva": (
        "The domestic abuse service offered support to {mother}; she declined the offer.",
        "An independent domestic violence adviser spoke to {mother}, who said that {partner} had moved out.",
    ),
    "drugs": (
        "{partner} was known to the recovery service for heroin use. The recovery service did not know that he lived with children.",
        "{mother} missed three appointments with the recovery service and was discharged.",
    ),
    "midwife": (
        "The midwife recorded that {mother} disclosed domestic abuse at booking. This was not shared with the health visitor.",
        "The midwife completed a home visit and noted that {partner} answered for {mother}.",
    ),
    "nursery": (
        "Nursery staff saw a bruise on {child}'s cheek. {mother} said that {he} had fallen. The nursery did not make a referral.",
        "{child} stopped attending nursery; staff rang {mother} twice and got no answer.",
    ),
    "yot": (
        "The Youth Offending Team allocated a worker, who formed a good relationship with {child}.",
        "A referral to the National Referral Mechanism was made by the Youth Offending Team.",
    ),
}

#: What a chronology entry may add: who was seen, what followed, what nobody did.
DETAILS = (
    "{child} was seen and appeared well.", "{mother} was not seen.",
    "The record does not say whether {child} was spoken to alone.",
    "A letter was sent to {mother} offering another appointment.",
    "The outcome was recorded on the system three weeks later.",
    "No one checked whether {partner} was living at the address.",
    "The {worker} discussed the case with a manager; no actions were recorded.",
    "{sibling} was also present.", "The information was shared with {gp} by secure email.",
    "{mother} said that things were better at home.",
    "{child} said that {he} was happy at home.", "There was no follow-up.",
    "The {worker} noted that {child} was wearing dirty clothes.",
    "This was the {nth} such contact in {months} months.",
    "The case was discussed at the weekly allocation meeting.",
    "{gran} phoned to say she was worried about {child}.",
    "The {worker} tried to visit but found nobody at home.",
    "{partner} answered the door and said that {mother} was out.",
)
#: Routine chronology entries, made of three parts: most of a real chronology is these.
ROUTINE_CONTACT = ("Home visit", "Telephone call", "Unannounced home visit", "Office appointment",
                   "Text message", "Routine appointment", "Clinic attendance", "Visit to school",
                   "Email exchange", "Planned visit", "Drop-in session", "Review appointment")
ROUTINE_WHO = ("by the {worker}", "from {mother}", "to {mother}", "with {child} and {mother}",
               "by the {worker}, with {sibling} present", "arranged by the {worker}")
ROUTINE_SEEN = (
    "{child} seen; weight on the {centile} centile.", "Home conditions adequate.",
    "{mother} reported that {child} was sleeping better.", "Discussion about routines and boundaries.",
    "{child} was playing with {sibling} and chatted about {his} friends.",
    "Advice given about {topic}.", "Follow-up arranged for two weeks' time.",
    "{mother} appeared tired but engaged well.", "{child} presented as cheerful and chatty.",
    "Repairs to the flat discussed; {mother} to contact the landlord.",
    "{child}'s reading has improved and {he} enjoys art.", "Immunisations up to date.",
    "{mother} asked for help with a nursery place for {sibling}.", "No concerns noted.",
    "Appointment rearranged at {mother}'s request.", "{child} had a cold; advice given.",
    "{mother} talked about money worries and was given a food bank voucher.",
    "{gran} was visiting and joined the conversation.", "Plan reviewed; actions remain open.",
    "{child} said {he} liked {his} new teacher.",
)
TOPICS = ("sleep", "feeding", "toilet training", "safe sleeping", "dental care", "screen time",
          "school attendance", "behaviour", "benefits", "healthy eating")
CENTILES = ("2nd", "9th", "25th", "50th", "75th")
WORKERS = ("allocated social worker", "duty social worker", "team manager", "school nurse",
           "practice nurse", "police constable", "designated safeguarding lead",
           "family support worker", "health visitor", "midwife")
NTH = ("second", "third", "fourth", "fifth", "sixth")
RISK = ("standard", "medium", "high")
CATEGORY = ("neglect", "physical abuse", "emotional abuse", "sexual abuse")
TERM = ("autumn", "spring", "summer")
BODYPART = ("cheek", "arm", "ear", "neck", "back", "leg")
INJURY = ("a fractured skull", "rib fractures", "a bleed on the brain", "a broken arm",
          "bruising to the face", "a head injury")

#: Why the review happened, one sentence, then who the family are, in prose.
INCIDENT = (
    "{child} was {age} years old when {he} was admitted to {hospital} in {incident_month} with {injury}.",
    "{child} died in {incident_month} at {hospital}; {he} was {age} years old.",
    "{child} was {age} when {he} was found by police in {incident_month}, having been missing for two days.",
    "{child} was {age} years old when {he} was admitted to {hospital} in {incident_month} after taking an overdose of {his} mother's medication.",
)
FAMILY_PROSE = (
    "{child} lived with {his} mother, {mother}, {his} mother's partner, {partner}, and {his} younger {sibling_tie}, {sibling}.",
    "{child}'s maternal grandmother, {gran}, lived nearby and cared for {child} most weekends.",
    "{child}'s father, {father}, lived in another area and had supervised contact with {him} at a family centre.",
    "{mother} had a history of depression and was known to adult mental health services.",
    "{partner} had previous convictions for violence against a former partner.",
)

THEMES = (
    "Information sharing", "The voice of the child", "Professional curiosity",
    "Domestic abuse", "Neglect and its cumulative impact", "Fathers and men in the household",
    "Thresholds and the front door", "Parental mental health", "Substance misuse",
    "Housing and moves", "Education and attendance", "Multi-agency meetings",
    "Supervision and management oversight", "Culture, language and identity",
    "Exploitation outside the home", "Escalation and challenge",
)
#: Analysis prose: openers, claims and tails, so a paragraph is seldom repeated.
OPENERS = ("", "", "", "In the reviewer's view, ", "On reflection, ", "Practitioners told the review that ",
           "It is clear from the records that ", "The panel noted that ", "With hindsight, ",
           "At the practitioners' event it was agreed that ", "The chronology shows that ")
CLAIMS = (
    "professionals saw {child}'s distress at several points, but each agency responded on its own",
    "the focus was on {mother}'s needs rather than on {child}'s lived experience",
    "{partner}'s history was held by {police} but was not shared with the health visitor",
    "nobody asked {partner} about his past or about his role in caring for {child}",
    "the decision to close the case relied on {mother}'s account alone",
    "{father} was not contacted, so his views and any risk he posed were not known",
    "the school's concerns never reached children's social care",
    "{gp} was not invited to the strategy discussion, so important health history was missed",
    "{child} was not seen alone by the social worker after the first visit",
    "the threshold was applied to the single referral rather than to {child}'s whole situation",
    "the absence of {police} from the conference meant that the intelligence was not considered in planning",
    "supervision records show that managers agreed each step-down without reading the chronology",
    "{child}'s missed appointments were treated as an administrative matter rather than a possible sign of neglect",
    "the impact of {mother}'s depression on her parenting was not assessed",
    "practitioners accepted explanations for injuries without professional curiosity",
    "there was good information sharing between {school} and the health visitor for a time",
    "the family's moves between addresses meant that records did not follow {child}",
    "no interpreter was used, and {child} was sometimes asked to translate for {his} mother",
    "{gran} had information that no one asked for",
    "the core group did not meet often enough to test whether the plan was working",
)
TAILS = (".", ".", ".", ", which meant that {child}'s experience was not understood.",
         ", and this pattern repeated later in the period under review.",
         ", a missed opportunity to consider the cumulative impact on {child}.",
         ", as the case records for {year} show.", " at that time.")
#: Analysis prose that states no new fact of the case: most of what a review's analysis says.
DISCURSIVE = (
    "This section considers how agencies understood {child}'s experience of {theme} and the risks to {him}.",
    "The reviewer has tried to imagine what a day was like for {child} in this household.",
    "It is important to recognise the pressure that practitioners were working under in {year}.",
    "Much of the work with the family was thoughtful and caring, and practitioners knew {child} well.",
    "The family's circumstances changed often, and each change brought new professionals into {child}'s life.",
    "The research on {theme} is clear that single incidents must be seen in the context of the whole history.",
    "Practitioners described {mother} as warm and loving towards {child}, and this shaped how concerns were seen.",
    "There are examples of good practice in this period, which the review wants to acknowledge.",
    "The health visitor's records are detailed and show a clear understanding of the family's needs.",
    "The lived experience of a child is more than a list of incidents; it is the day-to-day reality of home.",
    "Over time the concerns about {child} became familiar, and familiarity can dull curiosity.",
    "The question for this review is whether the system helped practitioners to see the whole picture.",
    "Hindsight makes patterns visible that were much harder to see at the time.",
    "Several practitioners said that they would now approach the family differently.",
    "The family's own account of this period is set out in their words where they agreed to it.",
    "Each agency held part of the picture, and the parts were seldom put together.",
    "Learning about {theme} in {area} has been the subject of earlier audits by the partnership.",
    "Local guidance on {theme} was revised in {year}, after the period under review.",
    "The reviewer is grateful to the practitioners who spoke openly about their work with {child}.",
    "{child} was described by teachers as bright, funny and keen to please.",
    "For much of the period {child} was quiet, and quiet children are easily overlooked.",
    "The panel spent some time on this question, and its members did not all agree.",
    "Good practice depends on time, supervision and a manageable number of families.",
    "Language matters: words such as 'disguised compliance' can close down thinking about a family.",
    "The importance of the wider family as a source of information and support is a recurring theme.",
    "The review has looked at {theme} through the eyes of {child}, as far as that is possible.",
    "What follows draws on the agency reports, the combined chronology and the practitioners' event.",
    "It is easy to list what should have happened; it is harder to say why it did not.",
    "The pattern is one that national reviews have described many times.",
    "The partnership has asked each agency to reflect on this section before the report is published.",
)
REFLECTIONS = (
    "The review found no evidence that the risks were discussed in supervision.",
    "Caseloads in the team were high during {year}, and three social workers left.",
    "The learning here is not new: it has appeared in earlier reviews in {area}.",
    "Agencies have already taken steps to address this, which the review welcomes.",
    "This is described further in the findings below.",
    "{mother} told the review that she felt judged rather than helped.",
    "{gran} told the review that she had been worried for a long time but did not want to cause trouble.",
)

FINDINGS = (
    "Professionals did not always hear the voice of {child}.",
    "Information about {partner}'s history was held by {police} but not shared with the health visitor or {school}.",
    "The absence of the GP from the strategy discussion meant that important health history was missed.",
    "Children who interpret for their parents are not heard in their own right.",
    "The step-down to early help was made before the plan's outcomes were met.",
    "Fathers, and the men living in a household, were not known to agencies.",
    "The chronic neglect of {child} was visible in school but was not seen as neglect until {he} was in hospital.",
    "Missed appointments were not linked to the wider concerns about {child}'s care.",
    "Thresholds were applied to single incidents rather than to the history of the case.",
    "Professional challenge and escalation were rarely used when agencies disagreed.",
    "Agencies did not share early signs of exploitation.",
    "Family members such as {gran} had information that no one asked for.",
)
RECOMMENDATIONS = (
    "{partnership} should assure itself that GPs are invited to all strategy discussions.",
    "{police} should share domestic abuse history with schools within one working day.",
    "{csc} should review the closure of cases without a section 47 enquiry.",
    "Health and children's social care should ensure that fathers are included in assessments.",
    "{csc} should ensure that professional interpreters are used and that children are never asked to interpret in safeguarding work.",
    "The MASH should share domestic abuse notifications with the child's school within one working day.",
    "The Probation Service should check with children's social care whenever a person on supervision moves in with children.",
    "{partnership} should relaunch its protocol for bruising in non-mobile babies.",
    "{school} should review how concerns about attendance are escalated.",
    "Health partners should make sure that every antenatal booking asks who else is in the baby's life.",
)
INTRODUCTION = (
    "This review concerns {child} and considers the involvement of agencies between {period_from} and {period_to}.",
    "{partnership} commissioned {review_name} after a rapid review held in {rapid_month}.",
    "The review was led by an independent reviewer, {reviewer}, who has no connection with the agencies in {area}.",
    "Agencies provided chronologies and reports, and practitioners took part in two learning events.",
    "{mother} and {gran} were invited to contribute to the review; their views are included where they agreed.",
    "The review uses pseudonyms throughout to protect the privacy of {child}'s family.",
    "The terms of reference asked the review to consider how agencies worked together and what could be learnt.",
)
METHOD = (
    "The reviewer read the combined chronology and met with a panel of senior managers on five occasions.",
    "Each agency was asked what it knew, what it did and why, and what it would do differently now.",
    "The review followed a systems approach, looking for the conditions that made good practice harder.",
    "Parallel criminal proceedings delayed the review by several months.",
    "The draft report was shared with the family before publication.",
)
GLOSSARY = (("CSC", "Children's Social Care"), ("MASH", "Multi-Agency Safeguarding Hub"),
            ("ICPC", "Initial Child Protection Conference"), ("CIN", "Child in Need"),
            ("GP", "General Practitioner"), ("CAMHS", "Child and Adolescent Mental Health Services"),
            ("DASH", "Domestic Abuse, Stalking and Harassment risk assessment"),
            ("MARAC", "Multi-Agency Risk Assessment Conference"),
            ("IDVA", "Independent Domestic Violence Adviser"), ("YOT", "Youth Offending Team"),
            ("NRM", "National Referral Mechanism"), ("HV", "Health Visitor"))
REVIEWERS = ("A. N. Reviewer", "Dr P. Lister", "J. Okafor", "M. Brennan", "S. Whitlock",
             "R. Iqbal", "T. Hargreaves", "C. Mbeki-Jones")
