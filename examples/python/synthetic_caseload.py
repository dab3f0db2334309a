"""A small synthetic caseload, as a case-management system would send it.

Every value is invented: no names, dates of birth or addresses, and the
child's reference is made up (intake replaces it by a keyed pseudonym
before anything is stored anyway). The cases are court disposals running
across the autumn of 2014, so that an inspection announced on 1 December
2014 can sample them.
"""

DISPOSALS = [
    # (type, setting) of the court disposals the caseload mixes.
    ("DISPOSAL_TYPE_REFERRAL_ORDER", "SUPERVISION_SETTING_COMMUNITY"),
    ("DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER", "SUPERVISION_SETTING_COMMUNITY"),
]


def case_json(index, yot_display_name):
    """The JSON mapping of one yjinspect.v1.Case (see docs/api.md)."""
    disposal_type, setting = DISPOSALS[index % len(DISPOSALS)]
    start_month = 9 + index % 3  # September to November 2014
    return {
        "yot_display_name": yot_display_name,
        "child": {
            "reference": f"SYN-CHILD-{index:04d}",
            "age_at_sentence": 12 + index % 6,
            "gender": "GENDER_MALE" if index % 3 else "GENDER_FEMALE",
            "ethnicity": "ETHNICITY_NOT_KNOWN",
            "looked_after_status": "LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER",
            "learning_disability": "NEED_STATUS_NOT_IDENTIFIED",
            "send_status": "SEND_STATUS_NONE",
            "speech_language_communication_needs": "NEED_STATUS_NOT_KNOWN",
            "ete_status": "ETE_STATUS_FULL_TIME",
            "accommodation": "ACCOMMODATION_STATUS_SUITABLE",
        },
        "offences": [{
            "code": "105/01",
            "description": "Assault occasioning actual bodily harm",
            "category": "OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON",
            "seriousness": 3 + index % 4,
            "index_offence": True,
        }],
        "disposal": {
            "type": disposal_type,
            "start_date": {"year": 2014, "month": start_month, "day": 1},
            "end_date": {"year": 2015, "month": 6, "day": 1},
            "setting": setting,
        },
        "assessment": {
            "likelihood_of_reoffending": "REOFFENDING_LIKELIHOOD_MEDIUM",
            "risk_of_serious_harm": "CONCERN_LEVEL_LOW",
            "safety_and_wellbeing": "CONCERN_LEVEL_LOW",
            "mappa": {"category": "MAPPA_CATEGORY_NOT_ELIGIBLE"},
        },
        "assessment_date": {"year": 2014, "month": start_month - 1, "day": 20},
        "plan_date": {"year": 2014, "month": start_month, "day": 10},
        "case_manager_reference": f"STAFF-{index % 5 + 1:02d}",
    }
