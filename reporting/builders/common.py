"""What every document shares: language, markings, dates, text in the right language."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.pdf import evidence_image_url
from reporting.profiles import DisclosedCase, Profile


@dataclass(frozen=True)
class Text:
    """A piece of user text with the language it is written in, for ``lang`` and ``dir``."""

    text: str
    language: str  # "" when not known (what the user typed in the composer)

    @property
    def direction(self) -> str:
        if not self.language:
            return "auto"
        return "rtl" if self.language == "ar" else "ltr"

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text.strip())


def in_language(case: DisclosedCase, original: str, translation: str, language: str) -> Text:
    """The text in the document's language when the case has it, else in its original language."""
    if case.language != language and translation.strip():
        other = "ar" if case.language == "en" else "en"
        return Text(translation, other)
    return Text(original, case.language)


def marking(profile: str) -> str:
    return {
        Profile.INTERNAL: _("Confidential — internal use only"),
        Profile.LEGAL_PARTNER: _("Confidential — for the named legal partner only"),
        Profile.UN_CONFIDENTIAL: _("Confidential — for the Office of the UN High Commissioner for Human Rights"),
        Profile.PUBLIC: _("Public — names appear only with the person's consent"),
        Profile.PLATFORM: _("Confidential — for the platform's review team only"),
        Profile.STATISTICS: _("Contains no personal data"),
    }[Profile(profile)]


def document_reference(template: str, cases: list, generated_at: dt.datetime) -> str:
    if len(cases) == 1:
        return f"{cases[0].reference}-{template.replace('_', '-').upper()}"
    return f"CB-{template.replace('_', '-').upper()}-{generated_at:%Y%m%d-%H%M}"


def base_context(
    *, template: str, title: str, profile: str, language: str, cases: list, options: dict, marking_text: str = ""
) -> dict:
    generated_at = timezone.now()
    return {
        "template": template,
        "document_title": title,
        "profile": profile,
        "profile_label": Profile(profile).label,
        "language": language,
        "direction": "rtl" if language == "ar" else "ltr",
        "generated_at": generated_at,
        "reference": document_reference(template, cases, generated_at),
        "marking": marking_text or marking(profile),
        "organisation": options.get("organisation", ""),
        "contact": options.get("contact", ""),
        "options": options,
    }


def date_text(value: dt.date | None, precision: str = "day") -> str:
    """A date as precise as it is known: ``2026-03``, ``2026``, ``≈ 2026-03-14``."""
    if value is None:
        return "—"
    if precision == "month":
        return f"{value:%Y-%m}"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "approximate":
        return f"≈ {value:%Y-%m-%d}"
    return f"{value:%Y-%m-%d}"


def case_dates(case: DisclosedCase) -> str:
    start = date_text(case.start_date, case.start_date_precision)
    if case.end_date:
        return f"{start} – {date_text(case.end_date, case.end_date_precision)}"
    return start


def violation_rows(case: DisclosedCase) -> list[dict]:
    """Each act with the labels of whom it hit, as the profile lets them be shown."""
    rows = []
    for violation in case.violations:
        affected = [case.person(pk) for pk in violation.affected_person_ids]
        rows.append(
            {
                "violation": violation,
                "date": date_text(violation.date, violation.date_precision),
                "affected": [person.label for person in affected if person is not None],
                "actors": [actor.name for actor in violation.actors],
            }
        )
    return rows


def evidence_rows(case: DisclosedCase, *, images: bool) -> list[dict]:
    return [
        {
            "item": item,
            "image_url": evidence_image_url(item.id) if images and item.is_image else "",
        }
        for item in case.evidence
    ]


def content_lines(case: DisclosedCase, platform_code: str = "") -> list[str]:
    """The URLs, post IDs and handles of the acts, for one platform or all."""
    lines = []
    for violation in case.violations:
        if platform_code and violation.platform_code != platform_code:
            continue
        lines += [line for line in violation.content_concerned if line.strip()]
    return lines


def urls(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("http://", "https://"))]


def language_of(text: str, fallback: str = "en") -> str:
    """The language of typed text, from its first letter: Arabic script or not.

    WeasyPrint does not resolve ``dir="auto"``, so the direction is decided here.
    """
    for char in text:
        if char.isalpha():
            return "ar" if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" else "en"
    return fallback


def typed(value) -> Text:
    """Text typed in the composer, in whichever language it was typed."""
    text = str(value or "").strip()
    return Text(text, language_of(text))
