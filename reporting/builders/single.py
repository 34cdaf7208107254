"""Documents about one case: the case file, the UN communication and the two DSA documents."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from reporting.builders.checks import Problem, abusive_words, platform_consent, un_admissibility
from reporting.builders.common import (
    Text,
    base_context,
    case_dates,
    content_lines,
    date_text,
    evidence_rows,
    in_language,
    typed,
    urls,
    violation_rows,
)
from reporting.mandates import UN_MANDATES
from reporting.profiles import DisclosedCase, disclose_case, policy_for
from reporting.records import CaseRecord

DSA_COMPLAINT_MONTHS = 6  # Article 20(1): at least six months after the decision


def _case_texts(case: DisclosedCase, language: str) -> dict:
    return {
        "title": in_language(case, case.title, case.title_translation, language),
        "narrative": in_language(case, case.narrative, case.narrative_translation, language),
        "dates": case_dates(case),
    }


def timeline(case: DisclosedCase) -> list[dict]:
    """What happened and what was done, in date order."""
    events = []
    if case.start_date:
        events.append((case.start_date, date_text(case.start_date, case.start_date_precision), _("Start of the case")))
    for violation in case.violations:
        if violation.date:
            events.append((violation.date, date_text(violation.date, violation.date_precision), violation.type_label))
    for intervention in case.interventions:
        if intervention.sent_on:
            label = _("%(kind)s sent to %(recipient)s") % {
                "kind": intervention.kind_label,
                "recipient": intervention.recipient,
            }
            events.append((intervention.sent_on, f"{intervention.sent_on:%Y-%m-%d}", label))
        if intervention.response_date:
            label = _("Answer from %(recipient)s: %(status)s") % {
                "recipient": intervention.recipient,
                "status": intervention.status_label,
            }
            events.append((intervention.response_date, f"{intervention.response_date:%Y-%m-%d}", label))
    if case.end_date:
        events.append((case.end_date, date_text(case.end_date, case.end_date_precision), _("End of the case")))
    return [{"date": shown, "event": label} for _date, shown, label in sorted(events, key=lambda event: event[0])]


def build_case_file(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    case = disclose_case(cases[0], profile, language)
    images = policy_for(profile).evidence_file_names
    return {
        **base_context(
            template="case_file", title=_("Case file"), profile=profile, language=language, cases=cases, options=options
        ),
        "case": case,
        **_case_texts(case, language),
        "original_narrative": Text(case.narrative, case.language),
        "translated_narrative": Text(case.narrative_translation, "ar" if case.language == "en" else "en"),
        "timeline": timeline(case),
        "violations": violation_rows(case),
        "persons": case.persons,
        "interventions": case.interventions,
        "evidence": evidence_rows(case, images=images),
        "evidence_files": {item.id: item.file_name for item in cases[0].evidence if images and item.is_image},
        "listed_evidence": [item.id for item in case.evidence],
    }


def build_un_communication(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    case = disclose_case(cases[0], profile, language)
    perpetrators = {}
    for violation in case.violations:
        for actor in violation.actors:
            entry = perpetrators.setdefault(actor.name, {"actor": actor, "acts": []})
            entry["acts"].append(violation.type_label)
    return {
        **base_context(
            template="un_communication",
            title=_("Communication to the UN Special Procedures"),
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "case": case,
        **_case_texts(case, language),
        "victims": case.affected_persons,
        "media": sorted({v.platform_label for v in case.violations if v.platform_label}),
        "violations": violation_rows(case),
        "perpetrators": list(perpetrators.values()),
        "legal_bases": sorted({v.legal_basis for v in case.violations if v.legal_basis.strip()}),
        "national_steps": [i for i in case.interventions if i.kind in ("complaint", "legal_action")],
        "recipient": options.get("recipient")
        or (str(UN_MANDATES[options["mandate"]]) if options.get("mandate") in UN_MANDATES else "")
        or _("Special Procedures Branch, OHCHR"),
    }


def check_un_communication(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    return un_admissibility(cases[0], organisation=options.get("organisation", ""))


def _platform_violations(case: DisclosedCase, platform_code: str):
    return [v for v in case.violations if not platform_code or v.platform_code == platform_code]


def build_dsa_notice(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    case = disclose_case(cases[0], profile, language)
    violations = _platform_violations(case, options.get("platform", ""))
    explanation = options.get("explanation", "").strip()
    lines = content_lines(case, options.get("platform", ""))
    return {
        **base_context(
            template="dsa_notice",
            title=_("Notice under Article 16 of the Digital Services Act"),
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "case": case,
        **_case_texts(case, language),
        "provider": violations[0].platform_label if violations else "",
        "urls": urls(lines),
        "other_content": [line for line in lines if "://" not in line],
        "explanation": typed(explanation) if explanation else None,
        "violations": [row for row in violation_rows(case) if row["violation"] in violations],
        "notifier": options.get("organisation", ""),
        "notifier_contact": options.get("contact", ""),
    }


def check_dsa_notice(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    problems = platform_consent(cases)
    case = disclose_case(cases[0], "platform")
    if not urls(content_lines(case, options.get("platform", ""))):
        problems.append(Problem(_("A notice needs the exact URL of the content: none is recorded.")))
    if not options.get("organisation", "").strip() or not options.get("contact", "").strip():
        problems.append(Problem(_("A notice gives the notifier's name and e-mail address.")))
    if not (options.get("explanation", "").strip() or any(v.description.strip() for v in case.violations)):
        problems.append(Problem(_("Explain why the content is illegal.")))
    if words := abusive_words(options.get("explanation", "")):
        problems.append(Problem(_("Abusive language must be removed: %(words)s.") % {"words": ", ".join(words)}))
    return problems


def complaint_deadline(decision_date: dt.date | None) -> dt.date | None:
    return decision_date + relativedelta(months=DSA_COMPLAINT_MONTHS) if decision_date else None


def _decision(case, platform_code: str):
    """The platform's decision contested: the latest dated act on that platform."""
    dated = [v for v in _platform_violations(case, platform_code) if v.date]
    return max(dated, key=lambda violation: violation.date) if dated else None


def build_dsa_complaint(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    case = disclose_case(cases[0], profile, language)
    decision = _decision(case, options.get("platform", ""))
    explanation = options.get("explanation", "").strip()
    return {
        **base_context(
            template="dsa_complaint",
            title=_("Complaint under Article 20 of the Digital Services Act"),
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "case": case,
        **_case_texts(case, language),
        "decision": decision,
        "decision_date": date_text(decision.date, decision.date_precision) if decision else "—",
        "deadline": complaint_deadline(decision.date if decision else None),
        "provider": decision.platform_label if decision else "",
        "content": content_lines(case, options.get("platform", "")),
        "explanation": typed(explanation) if explanation else None,
        "action": options.get("action", "").strip(),
    }


def check_dsa_complaint(
    *, cases: list[CaseRecord], options: dict, language: str = "en", today: dt.date | None = None
) -> list[Problem]:
    from django.utils import timezone

    today = today or timezone.localdate()
    problems = platform_consent(cases)
    case = disclose_case(cases[0], "platform")
    decision = _decision(case, options.get("platform", ""))
    if decision is None:
        problems.append(Problem(_("The date of the platform's decision is not recorded: the deadline is unknown.")))
    elif (deadline := complaint_deadline(decision.date)) < today:
        problems.append(
            Problem(_("The six months to contest this decision ended on %(date)s.") % {"date": f"{deadline:%Y-%m-%d}"})
        )
    if not content_lines(case, options.get("platform", "")):
        problems.append(Problem(_("Give the content or account concerned (URL, post ID or handle).")))
    return problems
