"""POST data of the case form (the case with its persons and violations inline)."""

CASE = {
    "title": "حجب موقع إخباري مستقل",
    "language": "ar",
    "narrative": "أصبح الموقع غير متاح عبر جميع مزوّدي الخدمة.",
    "title_translation": "Independent news website blocked",
    "narrative_translation": "",
    "country": "EG",
    "place": "القاهرة",
    "start_0": "2026-01-05",
    "end_0": "",
    "verification_level": "unverified",
    "sensitivity": "sensitive",
}

PERSON = {
    "role": "affected",
    "name": "سامر الخطيب",
    "pseudonym": "المدوّن س.",
    "gender": "male",
    "age_group": "30_44",
    "profession": "",
    "affiliation": "",
    "contact": "Signal +962 7 0000 0001",
}

VIOLATION = {"violation_type": "blocking", "platform": "website", "when_0": "2026-01", "description": ""}


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def entry(case=None, persons=None, violations=None, **changes) -> dict:
    data = {**CASE, **(case or {}), **changes}
    data.update(formset("persons", persons if persons is not None else [PERSON]))
    data.update(formset("violations", violations if violations is not None else [VIOLATION]))
    return data
