"""What must be true before a document may leave: the UN admissibility check and others.

A check reads the records *before* the disclosure profile (a pseudonym in the
document does not make the record anonymous) and returns problems in the
user's language; a blocking problem stops the export, a warning is shown.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.choices import ConsentKind, ConsentStatus
from reporting.records import CaseRecord


@dataclass(frozen=True)
class Problem:
    message: str
    blocking: bool = True


# Insults and abusive labels that make the OHCHR set a communication aside.
# Matched as whole words, Arabic without diacritics; extend as practice shows.
ABUSIVE_WORDS = [
    "thug",
    "thugs",
    "butcher",
    "butchers",
    "dogs",
    "pigs",
    "scum",
    "criminal regime",
    "terrorist regime",
    "tyrant",
    "traitors",
    "كلاب",
    "الكلاب",
    "خنازير",
    "الخنازير",
    "شبيحة",
    "الشبيحة",
    "بلطجية",
    "البلطجية",
    "الطاغية",
    "خونة",
    "الخونة",
    "سفاح",
    "السفاح",
]
_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
_ABUSIVE = re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in ABUSIVE_WORDS) + r")(?!\w)", re.IGNORECASE)


def abusive_words(text: str) -> list[str]:
    return sorted({match.group(0).lower() for match in _ABUSIVE.finditer(_TASHKEEL.sub("", text))})


def _case_texts(case: CaseRecord) -> str:
    parts = [case.title, case.title_translation, case.narrative, case.narrative_translation]
    for violation in case.violations:
        parts += [violation.description, violation.stated_reason]
    return "\n".join(parts)


def un_admissibility(case: CaseRecord, *, organisation: str) -> list[Problem]:
    """What stops (or weakens) a communication to the UN Special Procedures."""
    problems = []
    victims = [person for person in case.persons if person.role == "affected"]
    if not victims:
        problems.append(Problem(_("No alleged victim is recorded: a communication needs at least one.")))
    elif not any(person.name.strip() for person in victims):
        problems.append(
            Problem(_("No alleged victim has a name in the record: the UN does not act on anonymous communications."))
        )
    statuses = dict(ConsentStatus.choices)
    for number, person in enumerate(victims, start=1):
        label = person.pseudonym or _("Person %(number)s") % {"number": number}
        state = person.consent(ConsentKind.STATE)
        if not state.is_valid:
            # OHCHR practice: without consent to be named to the State, the communication still goes,
            # with the person identified by pseudonym and their identity kept confidential.
            problems.append(
                Problem(
                    _(
                        "%(person)s will be named by pseudonym only (consent to be named to the State: "
                        "%(status)s). The communication can still be sent; the Special Procedures will keep "
                        "the identity confidential. %(advice)s"
                    )
                    % {
                        "person": label,
                        "status": statuses[state.status].lower(),
                        "advice": _("Ask the person whether they may be named, and record the answer.")
                        if state.status == ConsentStatus.NOT_ASKED
                        else "",
                    },
                    blocking=False,
                )
            )
    first_hand = case.evidence or any(person.role in ("source", "witness") for person in case.persons)
    if not first_hand:
        problems.append(
            Problem(
                _(
                    "No evidence and no source or witness is recorded: a communication cannot rest on media reports "
                    "alone."
                )
            )
        )
    if not case.narrative.strip():
        problems.append(Problem(_("The detailed account (narrative) is empty.")))
    if not case.violations:
        problems.append(Problem(_("No act is recorded: say what was done.")))
    if case.start_date is None and not any(violation.date for violation in case.violations):
        problems.append(Problem(_("No date is recorded.")))
    if not case.country:
        problems.append(Problem(_("No country is recorded.")))
    if not organisation.strip():
        problems.append(Problem(_("Name the submitting organisation.")))
    if words := abusive_words(_case_texts(case)):
        problems.append(
            Problem(_("Abusive language must be removed: %(words)s.") % {"words": ", ".join(f"“{w}”" for w in words)})
        )
    if not any(violation.actors for violation in case.violations):
        problems.append(Problem(_("No alleged perpetrator is named."), blocking=False))
    if not any(violation.legal_basis.strip() for violation in case.violations):
        problems.append(Problem(_("No law or legal provision invoked is recorded."), blocking=False))
    if not any(i.kind in ("complaint", "legal_action") for i in case.interventions):
        problems.append(Problem(_("No step taken at the national level is recorded."), blocking=False))
    return problems


def platform_consent(cases: list[CaseRecord]) -> list[Problem]:
    """A case is raised with a platform only with the affected persons' consent."""
    problems = []
    for case in cases:
        for number, person in enumerate(case.persons, start=1):
            if person.role == "affected" and not person.consent("platform").is_valid:
                label = person.pseudonym or _("Person %(number)s") % {"number": number}
                problems.append(
                    Problem(
                        _("%(reference)s: %(person)s has not consented to the case being raised with a platform.")
                        % {"reference": case.reference, "person": label}
                    )
                )
    return problems


def one_country(cases: list[CaseRecord]) -> list[Problem]:
    countries = {case.country for case in cases}
    if len(countries) > 1:
        return [Problem(_("A UPR submission covers one country: the cases chosen are in several."))]
    return []
