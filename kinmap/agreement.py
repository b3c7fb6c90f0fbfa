"""How far an extractor's draft was from the reviewer's result: precision, recall, F1.

The numbers are the project's scorer's (`shared/tools/score_casemap.py`): the
same one-to-one greedy alignment per section, the same label normalising, the
same counting. The scoring code below is that scorer's, ported unchanged but
for names, so the workbench's agreement and the extractor's published figures
mean the same thing (tests/test_agreement.py runs both on one pair and compares).
It works on case map documents as plain data (`casemap_to_dict`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

CORE = ["people", "relationships", "agencies", "meetings", "decisions",
        "events", "information_sharing"]
EXTRA = ["attendance", "households", "involvements", "findings", "themes",
         "recommendations"]
SYMMETRIC = {"sibling", "half_sibling", "step_sibling", "partner", "associate"}

ALIASES = {
    "csc": "childrens social care", "cscs": "childrens social care",
    "gmp": "greater manchester police", "met": "metropolitan police",
    "camhs": "child adolescent mental health service",
    "cahms": "child adolescent mental health service",
    "yos": "youth offending service", "yot": "youth offending team",
    "mash": "multi agency safeguarding hub", "iro": "independent reviewing officer",
    "gp": "general practice", "nhs": "national health service",
    "pru": "pupil referral unit", "cps": "crown prosecution service",
    "lscb": "local safeguarding children board", "nscb": "safeguarding children board",
    "oscp": "safeguarding children partnership", "wscp": "safeguarding children partnership",
    "lscp": "safeguarding children partnership", "ae": "accident emergency",
}
STOP = {"the", "of", "and", "a", "an", "s", "for", "to", "in", "at", "services",
        "service", "team", "dept", "department", "local", "s"}
ROLE_SYNONYMS = {
    "mum": "mother", "dad": "father", "step_father": "stepfather",
    "step_mother": "stepmother", "grandparent": "grandparent",
    "maternal_grandmother": "grandmother", "paternal_grandmother": "grandmother",
    "maternal_grandfather": "grandfather", "paternal_grandfather": "grandfather",
    "halfsister": "half_sister", "halfbrother": "half_brother",
}


# ---------------------------------------------------------------- normalising

def norm_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def tokens(text: str) -> set[str]:
    text = (text or "").lower().replace("’", "'").replace("'s", "")
    raw = re.findall(r"[a-z0-9]+", text)
    out: list[str] = []
    for t in raw:
        out.extend(ALIASES.get(t, t).split())
    return {t for t in out if t not in STOP}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def role_of(person: dict) -> str:
    role = str(person.get("role") or "").lower().strip().replace(" ", "_")
    return ROLE_SYNONYMS.get(role, role)


def quote_overlap(a: str | None, b: str | None) -> float:
    """Share of the shorter quote covered by the longest common word run."""
    wa, wb = norm_ws(a).lower().split(), norm_ws(b).lower().split()
    if not wa or not wb:
        return 0.0
    best = 0
    prev = [0] * (len(wb) + 1)
    for x in wa:
        cur = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best / min(len(wa), len(wb))


# ---------------------------------------------------------------- alignment

def greedy(gold: list, pred: list, score) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) with score > 0, best first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                cands.append((s, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for s, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def person_score(subject_names: set[str]):
    def score(g: dict, p: dict) -> float:
        rg, rp = role_of(g), role_of(p)
        tg = tokens(g.get("label", "")) - subject_names
        tp = tokens(p.get("label", "")) - subject_names
        label = max(jaccard(tg, tp), 0.9 * containment(tg, tp))
        if g.get("subject") and p.get("subject"):
            return 2.0 + label
        if rg and rp and rg not in {"other", "associate", "professional", "peer"}:
            return (1.0 + label) if rg == rp else 0.0
        return label if label >= 0.5 else 0.0
    return score


def agency_score(g: dict, p: dict) -> float:
    tg, tp = tokens(g.get("label", "")), tokens(p.get("label", ""))
    sim = max(jaccard(tg, tp), 0.9 * containment(tg, tp))
    same_kind = g.get("kind") == p.get("kind")
    if same_kind and sim >= 0.5:
        return 1.0 + sim
    if sim >= 0.75:
        return sim
    return 0.0


def kind_score(g: dict, p: dict) -> float:
    if g.get("kind") != p.get("kind"):
        return 0.0
    return 1.0 + quote_overlap(g.get("quote"), p.get("quote"))


def sharing_score(amap: dict):
    def score(g: dict, p: dict) -> float:
        # missed and partial both say "not fully shared"; shared is the opposite claim
        if (g.get("status") == "shared") != (p.get("status") == "shared"):
            return 0.0
        q = quote_overlap(g.get("quote"), p.get("quote"))
        if q >= 0.5:
            return 1.0 + q
        ends = (amap.get(p.get("from")), amap.get(p.get("to")))
        if not g.get("quote") and ends == (g.get("from"), g.get("to")) and any(ends):
            return 1.0
        return 0.0
    return score


def text_score(g: dict, p: dict) -> float:
    q = quote_overlap(g.get("quote"), p.get("quote"))
    t = jaccard(tokens(g.get("text", "")), tokens(p.get("text", "")))
    s = max(q, t)
    return s if s >= 0.5 else 0.0


# ---------------------------------------------------------------- scoring one review

def counts(n_gold: int, n_pred: int, tp: int) -> Counter:
    return Counter(tp=tp, fp=n_pred - tp, fn=n_gold - tp)


def lst(doc: dict, key: str) -> list[dict]:
    return [x for x in (doc.get(key) or []) if isinstance(x, dict)]


def score_review(gold: dict, pred: dict) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    subj = set()
    for p in lst(gold, "people"):
        if p.get("subject"):
            subj |= tokens(p.get("label", ""))

    gp, pp = lst(gold, "people"), lst(pred, "people")
    pairs = greedy(gp, pp, person_score(subj))
    out["people"] = counts(len(gp), len(pp), len(pairs))
    pmap = {pp[j].get("id"): gp[i].get("id") for i, j in pairs}

    ga, pa = lst(gold, "agencies"), lst(pred, "agencies")
    apairs = greedy(ga, pa, agency_score)
    out["agencies"] = counts(len(ga), len(pa), len(apairs))
    amap = {pa[j].get("id"): ga[i].get("id") for i, j in apairs}

    def rel_key(r: dict, idmap: dict | None) -> tuple:
        f, t = r.get("from"), r.get("to")
        if idmap is not None:
            f, t = idmap.get(f, ("?", f)), idmap.get(t, ("?", t))
        if r.get("type") in SYMMETRIC:
            f, t = sorted([f, t], key=str)
        return (r.get("type"), f, t)

    grel = Counter(rel_key(r, None) for r in lst(gold, "relationships"))
    prel = Counter(rel_key(r, pmap) for r in lst(pred, "relationships"))
    out["relationships"] = counts(sum(grel.values()), sum(prel.values()),
                                  sum((grel & prel).values()))

    for key in ("meetings", "decisions", "events"):
        g, p = lst(gold, key), lst(pred, key)
        mp = greedy(g, p, kind_score)
        out[key] = counts(len(g), len(p), len(mp))
        if key == "meetings":
            def att(items, idmap_m, idmap_a):
                s = set()
                for m in items:
                    mid = idmap_m(m)
                    for a in m.get("attended") or []:
                        s.add((mid, idmap_a(a), "attended"))
                    for a in m.get("absent") or []:
                        s.add((mid, idmap_a(a), "absent"))
                return s
            mmap = {id(p[j]): g[i].get("id") for i, j in mp}
            gs = att(g, lambda m: m.get("id"), lambda a: a)
            ps = att(p, lambda m: mmap.get(id(m), "?"), lambda a: amap.get(a, ("?", a)))
            out["attendance"] = counts(len(gs), len(ps), len(gs & ps))

    g, p = lst(gold, "information_sharing"), lst(pred, "information_sharing")
    out["information_sharing"] = counts(len(g), len(p), len(greedy(g, p, sharing_score(amap))))

    g, p = lst(gold, "households"), lst(pred, "households")
    def hh_score(a: dict, b: dict) -> float:
        ma = set(a.get("members") or [])
        mb = {pmap.get(x, ("?", x)) for x in b.get("members") or []}
        kind = 1.0 if a.get("kind") == b.get("kind") else 0.0
        return kind + jaccard(ma, mb) if kind or jaccard(ma, mb) >= 0.5 else 0.0
    out["households"] = counts(len(g), len(p), len(greedy(g, p, hh_score)))

    gi = {(i.get("agency"), i.get("person")) for i in lst(gold, "involvements")}
    pi = {(amap.get(i.get("agency"), ("?",)), pmap.get(i.get("person"), ("?",)))
          for i in lst(pred, "involvements")}
    out["involvements"] = counts(len(gi), len(pi), len(gi & pi))

    for key in ("findings", "recommendations"):
        g, p = lst(gold, key), lst(pred, key)
        out[key] = counts(len(g), len(p), len(greedy(g, p, text_score)))

    gt = {t for f in lst(gold, "findings") for t in f.get("themes") or []}
    pt = {t for f in lst(pred, "findings") for t in f.get("themes") or []}
    out["themes"] = counts(len(gt), len(pt), len(gt & pt))
    return out


def review_key(doc: dict) -> set[str]:
    review = doc.get("review") or {}
    subjects = " ".join(p.get("label", "") for p in lst(doc, "people") if p.get("subject"))
    return tokens(f"{review.get('title', '')} {review.get('id', '')} {subjects}")


def pair_docs(gold_docs: list[dict], pred_docs: list[dict]) -> list[tuple]:
    if len(gold_docs) == 1 and len(pred_docs) == 1:
        return [(gold_docs[0], pred_docs[0])]
    pairs = greedy(gold_docs, pred_docs,
                   lambda g, p: jaccard(review_key(g), review_key(p)) + 1e-9)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    out = [(gold_docs[i], pred_docs[j]) for i, j in pairs]
    out += [(g, {}) for i, g in enumerate(gold_docs) if i not in matched_g]
    out += [({}, p) for j, p in enumerate(pred_docs) if j not in matched_p]
    return out


# ---------------------------------------------------------------- the library's face

def prf(c: Counter) -> tuple[float, float, float]:
    """Precision, recall and F1 of true/false positive and false negative counts."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class SectionAgreement:
    """One section's counts and scores: the draft against the reviewed case map."""

    section: str
    core: bool
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Agreement:
    """Per-section agreement and the micro-F1 over the core sections."""

    sections: list[SectionAgreement]
    micro: tuple[float, float, float]


def agreement(draft: dict[str, Any], reviewed: dict[str, Any]) -> Agreement:
    """How far the draft (prediction) was from the reviewed case map (gold)."""
    counts = score_review(reviewed, draft)
    rows = []
    for key in CORE + EXTRA:
        c = counts.get(key, Counter())
        p, r, f = prf(c)
        rows.append(SectionAgreement(key, key in CORE, c["tp"], c["fp"], c["fn"], p, r, f))
    core = sum((counts[k] for k in CORE), Counter())
    return Agreement(rows, prf(core))


def combined(agreements: list[Agreement]) -> Agreement:
    """Several reviews' agreement as one: counts added per section, then scored (micro)."""
    totals: dict[str, Counter] = {k: Counter() for k in CORE + EXTRA}
    for found in agreements:
        for s in found.sections:
            totals[s.section] += Counter(tp=s.tp, fp=s.fp, fn=s.fn)
    rows = [SectionAgreement(k, k in CORE, c["tp"], c["fp"], c["fn"], *prf(c))
            for k, c in totals.items()]
    return Agreement(rows, prf(sum((totals[k] for k in CORE), Counter())))


def casemap_agreement(draft, reviewed) -> Agreement:
    """`agreement` for two CaseMaps."""
    from .exports.casemap import casemap_to_dict
    return agreement(_plain(casemap_to_dict(draft)), _plain(casemap_to_dict(reviewed)))


def _plain(value: Any) -> Any:
    """Plain lists and dicts, as a YAML reader would give the scorer."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
