#!/usr/bin/env python3
"""Writes the Eastmoor 2025 example: a FICTIONAL youth justice service,
inspected under hmip-youth-2025. Every value is invented.

    make_example.py                  caseload.jsonl and victims.jsonl, and
                                     run.textproto without judgements
    make_example.py --sample FILE    the same, with judgements for the
                                     sampled records FILE lists (one name a
                                     line, as the seeded draw took them)

The run spec draws its sample with a seed, so which cases are judged is
the draw's choice: run the spec once without judgements, list the sample
(`yjinspect get-inspection eastmoor-2026-03 --json`), and write the spec
again with it. The answers are chosen so that each standard lands where
the comment at the top of run.textproto says; they are synthetic, and no
real service's results.
"""
import argparse
import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
YOT = "eastmoor"
NAME = "Eastmoor Youth Justice Service"
INSPECTION = "eastmoor-2026-03"
SEED = 2026
MARKER = "# --- judgements: written by make_example.py from the seeded draw ---"
rng = random.Random(SEED)


def add_months(date, months):
    y = date.year + (date.month - 1 + months) // 12
    m = (date.month - 1 + months) % 12 + 1
    return dt.date(y, m, min(date.day, 28))


OFFENCES = [
    ("105/01", "Common assault", "violence", 3),
    ("8/01", "Assault occasioning actual bodily harm", "violence", 4),
    ("46/00", "Theft from a shop", "theft", 2),
    ("28/01", "Burglary of a dwelling", "burglary", 5),
    ("58/02", "Criminal damage to a vehicle", "criminal_damage", 2),
    ("92/01", "Possession with intent to supply a class B drug", "drugs", 5),
    ("34/01", "Robbery of personal property", "robbery", 6),
    ("66/05", "Affray", "public_order", 4),
]


def child_case(ref, disposal, start, end, setting):
    off = rng.choice(OFFENCES)
    looked_after = "yes" if rng.random() < 0.15 else "no"
    c = {
        "yot_code": YOT, "yot_name": NAME, "case_reference": ref,
        "child_reference": "EC-" + ref[3:] + "7",
        "age_at_sentence": rng.randint(13, 17),
        "gender": rng.choice(["m", "m", "m", "f"]),
        "ethnicity": rng.choice(["white", "white", "white", "mixed", "asian",
                                 "black", "not_known"]),
        "looked_after": looked_after,
        "learning_disability": rng.choice(["no", "no", "yes", "not_known"]),
        "send": rng.choice(["none", "none", "sen_support", "ehcp"]),
        "slcn": rng.choice(["no", "no", "yes"]),
        "ete": rng.choice(["full_time", "part_time", "none"]),
        "accommodation": "custody" if setting == "custody" else rng.choice(
            ["suitable", "suitable", "suitable", "unsuitable"]),
        "offences": [{"code": off[0], "description": off[1],
                      "category": off[2], "seriousness": off[3],
                      "index": True}],
        "disposal_type": disposal, "disposal_start": start.isoformat(),
        "disposal_end": end.isoformat(), "setting": setting,
        "likelihood_of_reoffending": rng.choice(["low", "medium", "medium",
                                                 "high"]),
        "risk_of_serious_harm": "high" if setting == "custody" else
        rng.choice(["low", "medium", "medium", "high"]),
        "safety_and_wellbeing": rng.choice(["low", "medium", "high"]),
        "mappa_category": "not_eligible",
        "assessment_date": (start + dt.timedelta(days=10)).isoformat(),
        "plan_date": (start + dt.timedelta(days=20)).isoformat(),
        "case_manager_reference": "ECM-%02d" % rng.randint(1, 9),
    }
    if looked_after == "yes":
        c["home_authority"] = "Eastmoor Council"
        c["host_authority"] = "Eastmoor Council"
    return c


def caseload():
    """36 cases: 21 court, 12 out-of-court, 3 custodial; 29 eligible."""
    cases = []

    def ref():
        return "EM-%04d" % (len(cases) + 1)

    # Court disposals started 2025-06-20 to 2025-12-13: in the court pool's
    # window (12 weeks to 9 months into the order at fieldwork, 16 March
    # 2026, supervised 4 weeks before the announcement, 2 March 2026).
    for i in range(16):
        start = dt.date(2025, 6, 20) + dt.timedelta(days=11 * i)
        if i % 2 == 0:
            cases.append(child_case(ref(), "referral_order", start,
                                    add_months(start, 12), "community"))
        else:
            cases.append(child_case(ref(), "yro", start,
                                    add_months(start, 18), "community"))
    # Too far into the order, and too recent.
    for start in [dt.date(2025, 1, 10), dt.date(2025, 3, 3),
                  dt.date(2025, 5, 19)]:
        cases.append(child_case(ref(), "yro", start, add_months(start, 18),
                                "community"))
    for start in [dt.date(2026, 1, 12), dt.date(2026, 2, 9)]:
        cases.append(child_case(ref(), "referral_order", start,
                                add_months(start, 9), "community"))
    # Out-of-court disposals delivered in the window, and two outside it.
    kinds = ["community_resolution", "youth_caution",
             "youth_conditional_caution"]
    for i in range(10):
        start = dt.date(2025, 6, 25) + dt.timedelta(days=17 * i)
        kind = kinds[i % 3]
        end = start + dt.timedelta(days=0 if kind == "youth_caution" else 84)
        cases.append(child_case(ref(), kind, start, end, "community"))
    for start in [dt.date(2025, 2, 14), dt.date(2026, 2, 20)]:
        cases.append(child_case(ref(), "community_resolution", start,
                                start + dt.timedelta(days=56), "community"))
    # Custodial sentences: the resettlement pool.
    for start, months in [(dt.date(2025, 5, 12), 12), (dt.date(2025, 8, 4), 8),
                          (dt.date(2025, 10, 20), 10)]:
        cases.append(child_case(ref(), "dto", start,
                                add_months(start, months), "custody"))
    return cases


SERVICES = ["information", "support", "restorative_meeting",
            "letter_of_explanation", "reparation", "panel_involvement"]


def victims(cases):
    """16 victims' cases of offences with a victim; 14 first contacted in
    the victims' pool's window (6 weeks to 12 months before fieldwork)."""
    with_victims = [c for c in cases
                    if c["offences"][0]["category"] not in ("drugs",)]
    out = []
    for i in range(16):
        child = with_victims[(i * 5) % len(with_victims)]
        contact = dt.date(2025, 4, 7) + dt.timedelta(days=19 * i)
        if i == 14:
            contact = dt.date(2025, 2, 3)   # more than 12 months before
        if i == 15:
            contact = dt.date(2026, 2, 16)  # less than 6 weeks before
        kind = "person" if i % 4 else "business_or_organisation"
        offered = i % 5 != 3
        v = {
            "yot_code": YOT,
            "victim_case_reference": "EMV-%04d" % (i + 1),
            "case_reference": child["case_reference"],
            "victim_reference": "EV-%04d" % (i + 71),
            "victim_kind": kind,
            "victim_age_group": (["adult", "child", "adult", "not_recorded"]
                                 [i % 4] if kind == "person" else None),
            "police_information_date": (contact - dt.timedelta(days=6))
            .isoformat(),
            "first_contact_date": contact.isoformat(),
            "restorative_justice_offer": "offered" if offered
            else "not_offered",
            "safety_assessment": "assessed" if i % 6 else "not_assessed",
            "services_wanted": sorted({SERVICES[i % 6], SERVICES[(i + 2) % 6]},
                                      key=SERVICES.index),
        }
        if offered:
            v["restorative_justice_uptake"] = ["taken_up", "declined"][i % 2]
        if v["safety_assessment"] == "assessed":
            v["safety_planning"] = ["planned", "not_needed", "planned",
                                    "not_planned"][i % 4]
        if kind != "person":
            del v["victim_age_group"]
        out.append(v)
    return out


# Shares of "yes" per criterion, so that each standard is rated as the
# spec's header says (bands 80/65/50%, the lowest key question decides).
CHILD_SHARES = {
    "2.1-positive_change": 0.86, "2.1-safety_of_child": 0.82,
    "2.1-safety_of_community": 0.76,
    "2.2-positive_change": 0.70, "2.2-safety_of_child": 0.60,
    "2.2-safety_of_community": 0.64,
    "2.3-positive_change": 0.79, "2.3-safety_of_child": 0.72,
    "2.3-safety_of_community": 0.69,
}
VICTIM_SHARE = 0.54
NOTES = {
    "2.2-safety_of_child": "Plan did not say who would act if the child "
                           "went missing.",
    "2.3-safety_of_community": "Contact with the police was not followed up "
                               "after a new concern.",
    "v1.1": "Victim asked for updates that were not given.",
}


def answers_for(names, criterion, share, na_every=0):
    """A deterministic mix: round(share * applicable) yes, the rest no."""
    order = list(names)
    random.Random(criterion).shuffle(order)
    na = set(order[::na_every][:2]) if na_every else set()
    applicable = [n for n in order if n not in na]
    yes = set(applicable[:round(share * len(applicable))])
    return {n: ("na" if n in na else "yes" if n in yes else "no")
            for n in names}


def judgements(sample):
    children = [n for n in sample if "/cases/" in n]
    victims_ = [n for n in sample if "/victimCases/" in n]
    per_case = {n: [] for n in sample}
    for criterion, share in CHILD_SHARES.items():
        mix = answers_for(children, criterion, share,
                          7 if criterion.endswith("community") else 0)
        for n in children:
            per_case[n].append((criterion, mix[n]))
    mix = answers_for(victims_, "v1.1", VICTIM_SHARE)
    for n in victims_:
        per_case[n].append(("v1.1", mix[n]))
    out = []
    for i, n in enumerate(sample):
        inspector = "EINSP-%02d" % (i % 3 + 1)
        lines = [f'judgements {{\n  case: "{n}"\n'
                 f'  inspector_reference: "{inspector}"']
        noted = False
        for criterion, answer in per_case[n]:
            note = ""
            if answer == "no" and criterion in NOTES and not noted:
                note = f' evidence_note: "{NOTES[criterion]}"'
                noted = True
            lines.append(f'  judgements {{ criterion_id: "{criterion}" '
                         f'answer: "{answer}"{note} }}')
        lines.append("}")
        out.append("\n".join(lines))
    return "\n".join(out) + "\n"


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row, separators=(",", ":")) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample")
    args = parser.parse_args()
    cases = caseload()
    write_jsonl(os.path.join(HERE, "caseload.jsonl"), cases)
    write_jsonl(os.path.join(HERE, "victims.jsonl"), victims(cases))
    # run.textproto is written by hand down to the marker; the judgements
    # after it are this script's.
    path = os.path.join(HERE, "run.textproto")
    with open(path) as f:
        spec = f.read()
    spec = spec[:spec.index(MARKER) + len(MARKER)] + "\n"
    if args.sample:
        with open(args.sample) as f:
            sample = [line.strip() for line in f if line.strip()]
        spec += judgements(sample)
    with open(path, "w") as f:
        f.write(spec)


if __name__ == "__main__":
    main()
