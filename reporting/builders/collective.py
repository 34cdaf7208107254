"""Documents about several cases: the UPR submission, the EU brief and the platform escalation."""

from django.utils.translation import gettext as _

from reporting.builders.checks import Problem, abusive_words, one_country, platform_consent
from reporting.builders.common import Text, base_context, case_dates, content_lines, date_text, in_language, typed
from reporting.profiles import disclose_case
from reporting.records import CaseRecord
from reporting.wordcount import upr_word_count


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _paragraph(case, language: str) -> Text:
    narrative = in_language(case, case.narrative, case.narrative_translation, language)
    # One paragraph, one language: the title in the narrative's language, so that a translated title
    # does not run into an untranslated narrative in the wrong direction.
    title = in_language(case, case.title, case.title_translation, narrative.language if narrative else language)
    text = f"{title.text}. {narrative.text}".strip() if narrative else title.text
    return Text(" ".join(text.split()), narrative.language if narrative else title.language)


def build_upr_submission(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    disclosed = [disclose_case(case, profile, language) for case in cases]
    summary = typed(options.get("summary"))
    paragraphs = []
    endnotes = []
    for case in disclosed:
        endnotes.append(
            _("%(organisation)s, case %(reference)s (%(dates)s), %(count)s evidence items kept with their SHA-256.")
            % {
                "organisation": options.get("organisation", "") or _("Submitting organisation"),
                "reference": case.reference,
                "dates": case_dates(case),
                "count": len(case.evidence),
            }
        )
        paragraphs.append({"text": _paragraph(case, language), "endnote": len(endnotes)})
    recommendations = [typed(line) for line in _lines(options.get("recommendations", ""))]
    count = upr_word_count(
        [summary.text] + [p["text"].text for p in paragraphs] + [r.text for r in recommendations] + endnotes,
        joint=bool(options.get("joint")),
    )
    # Paragraph numbers run through the whole submission, as OHCHR asks.
    number = 1
    for paragraph in paragraphs:
        paragraph["number"] = number
        number += 1
    numbered_recommendations = []
    for recommendation in recommendations:
        numbered_recommendations.append({"number": number, "text": recommendation})
        number += 1
    return {
        **base_context(
            template="upr_submission",
            title=_("Universal Periodic Review: stakeholder submission"),
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "country_name": disclosed[0].country_name if disclosed else "",
        "session": options.get("session", ""),
        "joint": bool(options.get("joint")),
        "summary": summary,
        "paragraphs": paragraphs,
        "recommendations": numbered_recommendations,
        "endnotes": endnotes,
        "word_count": count,
    }


def check_upr_submission(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    problems = one_country(cases)
    # Counted in the language the submission is written in: a translation is not the same length.
    data = build_upr_submission(cases=cases, profile="public", language=language, options=options)
    count = data["word_count"]
    if count.over:
        problems.append(
            Problem(
                _("%(words)s words: the limit is %(limit)s. Remove %(excess)s words or choose fewer cases.")
                % {"words": count.words, "limit": count.limit, "excess": -count.remaining}
            )
        )
    if not options.get("organisation", "").strip():
        problems.append(Problem(_("Name the submitting organisation for the cover page.")))
    if not options.get("session", "").strip():
        problems.append(Problem(_("Give the UPR session."), blocking=False))
    if not options.get("summary", "").strip():
        problems.append(Problem(_("Write the executive summary: the submission opens with it."), blocking=False))
    if not _lines(options.get("recommendations", "")):
        problems.append(Problem(_("A submission ends with recommendations: none are written."), blocking=False))
    return problems


def build_eu_brief(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    disclosed = [disclose_case(case, profile, language) for case in cases]
    entries = []
    for case in disclosed:
        entries.append(
            {
                "case": case,
                "title": in_language(case, case.title, case.title_translation, language),
                "narrative": in_language(case, case.narrative, case.narrative_translation, language),
                "dates": case_dates(case),
                "defenders": case.affected_persons,
                "acts": sorted({v.type_label for v in case.violations}),
                "actors": sorted({a.name for v in case.violations for a in v.actors}),
                "interventions": case.interventions,
            }
        )
    return {
        **base_context(
            template="eu_brief",
            title=_("Brief for the EU delegation"),
            marking_text=_("Confidential — for the EU delegation only") if profile != "public" else "",
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "recipient": options.get("recipient", ""),
        "entries": entries,
        "action": typed(options.get("action")),
    }


def check_eu_brief(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    problems = []
    if not options.get("recipient", "").strip():
        problems.append(Problem(_("Name the EU delegation the brief is for.")))
    if words := abusive_words(options.get("action", "")):
        problems.append(Problem(_("Abusive language must be removed: %(words)s.") % {"words": ", ".join(words)}))
    return problems


def build_platform_escalation(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    platform = options.get("platform", "")
    escalation = _escalation_id(options)
    disclosed = [disclose_case(case, profile, language) for case in cases]
    entries = []
    platform_label = ""
    for case in disclosed:
        violations = [v for v in case.violations if not platform or v.platform_code == platform]
        platform_label = platform_label or next((v.platform_label for v in violations if v.platform_label), "")
        entries.append(
            {
                "case": case,
                "title": in_language(case, case.title, case.title_translation, language),
                "narrative": in_language(case, case.narrative, case.narrative_translation, language),
                "persons": case.affected_persons,
                "content": content_lines(case, platform),
                "items": [
                    item
                    for item in case.content
                    if (not platform or item.platform_code == platform)
                    and (escalation is None or escalation in item.escalation_ids)
                ],
                "acts": [
                    {"violation": v, "date": date_text(v.date, v.date_precision), "policy": v.stated_reason}
                    for v in violations
                ],
                "evidence": case.evidence,
                "tried": case.interventions,
                "urgent": any(getattr(i, "urgency", "") == "urgent" for i in case.interventions),
            }
        )
    return {
        **base_context(
            template="platform_escalation",
            title=_("Escalation to %(platform)s") % {"platform": platform_label or _("the platform")},
            profile=profile,
            language=language,
            cases=cases,
            options=options,
        ),
        "platform_label": platform_label,
        "entries": entries,
        "listed_evidence": [item.id for case in disclosed for item in case.evidence],
        "misapplied": typed(options.get("explanation")),
        "harm": typed(options.get("harm")),
        "urgent": bool(options.get("urgent")),
        "action": typed(options.get("action")),
    }


def _escalation_id(options: dict) -> int | None:
    """The batch the document is for, when it is made from an escalation: only its items are listed."""
    try:
        return int(options.get("escalation") or 0) or None
    except (TypeError, ValueError):
        return None


def check_platform_escalation(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    problems = platform_consent(cases)
    platform = options.get("platform", "")
    if not platform:
        problems.append(Problem(_("Choose the platform.")))
    for case in cases:
        on_platform = [v.platform_code for v in case.violations] + [item.platform_code for item in case.content]
        if platform and platform not in on_platform:
            problems.append(Problem(_("%(reference)s has no act on this platform.") % {"reference": case.reference}))
    if not options.get("action", "").strip():
        problems.append(Problem(_("Say what action is requested of the platform.")))
    return problems
