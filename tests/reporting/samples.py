"""Plain records for document tests: one Arabic case and one English case, with a person each."""

import datetime as dt

from cases.models.record import Consent
from reporting.records import (
    ActorRecord,
    CaseRecord,
    CustodySummary,
    EvidenceRecord,
    InterventionRecord,
    PersonRecord,
    ViolationRecord,
)

ARABIC_NAME = "سمير حداد"
ENGLISH_NAME = "Rana Khoury"
PHONE = "+961 3 555 019"
PLACE = "Bab al-Tabbaneh"
ARABIC_NARRATIVE = "استدعي المدون سمير حداد إلى التحقيق بسبب منشور ينتقد الحكومة."
ARABIC_TRANSLATION = "The blogger Samir Haddad was summoned over a post criticising the government."
ENGLISH_NARRATIVE = "Rana Khoury's Instagram account was suspended after she posted about the protests."
ENGLISH_TRANSLATION = "عُلّق حساب رنا خوري على إنستغرام بعد نشرها عن الاحتجاجات."


def consents(*, state=False, public=False, platform=False, refused=True) -> dict:
    given_on = dt.date(2026, 1, 5)
    result = {}
    for kind, given in (("state", state), ("public", public), ("platform", platform)):
        if given:
            result[kind] = Consent(kind=kind, status="given", on=given_on, method="written")
        elif refused:
            result[kind] = Consent(kind=kind, status="refused", on=given_on, method="oral")
    return result


def arabic_case(**consent) -> CaseRecord:
    return CaseRecord(
        id=1,
        reference="DR-2026-0101",
        title="استدعاء مدون بسبب منشور",
        title_translation="Blogger summoned over a post",
        narrative=ARABIC_NARRATIVE,
        narrative_translation=ARABIC_TRANSLATION,
        language="ar",
        start_date=dt.date(2026, 2, 3),
        country="LB",
        country_name="Lebanon",
        place=PLACE,
        status="verified",
        status_label="Verified",
        sensitivity="sensitive",
        sensitivity_label="Sensitive",
        persons=[
            PersonRecord(
                id=11,
                role="affected",
                role_label="Affected person",
                name=ARABIC_NAME,
                pseudonym="المدون س.",
                profession="Blogger",
                affiliation="Tripoli Bloggers Network",
                contact=PHONE,
                consents=consents(**consent),
            )
        ],
        violations=[
            ViolationRecord(
                id=21,
                type_code="summons",
                type_label="Summons or interrogation",
                platform_code="facebook",
                platform_label="Facebook",
                date=dt.date(2026, 2, 3),
                description="Summoned by the cybercrime bureau for a Facebook post.",
                affected_person_ids=[11],
                actors=[ActorRecord(name="Cybercrime Bureau", actor_type="Security or police agency")],
                legal_basis="Law 81/2018, article 23",
                content_concerned=["https://facebook.com/posts/12345"],
                stated_reason="Community standards: hate speech",
            )
        ],
        interventions=[
            InterventionRecord(
                id=31,
                kind="complaint",
                kind_label="Complaint",
                recipient="Public prosecutor",
                sent_on=dt.date(2026, 2, 10),
                status="no_response",
                status_label="No response",
            ),
            InterventionRecord(
                id=32,
                kind="dsa_notice",
                kind_label="DSA Article 16 notice",
                recipient="Meta",
                platform_code="facebook",
                platform_label="Facebook",
                violation_id=21,
                sent_on=dt.date(2026, 3, 1),
                status="actioned",
                status_label="Actioned",
                response_date=dt.date(2026, 3, 8),
            ),
        ],
        evidence=[
            EvidenceRecord(
                id=41,
                original_name="summons_haddad.png",
                media_type="image/png",
                size=1234,
                sha256="ab" * 32,
                uploaded_at=dt.datetime(2026, 2, 4, 9, 30, tzinfo=dt.UTC),
                uploaded_by="officer",
                custody=CustodySummary(count=2, first_at=dt.datetime(2026, 2, 4, 9, 30, tzinfo=dt.UTC)),
            )
        ],
    )


def english_case(**consent) -> CaseRecord:
    return CaseRecord(
        id=2,
        reference="DR-2026-0102",
        title="Instagram account suspended",
        title_translation="تعليق حساب على إنستغرام",
        narrative=ENGLISH_NARRATIVE,
        narrative_translation=ENGLISH_TRANSLATION,
        language="en",
        start_date=dt.date(2026, 4, 12),
        country="LB",
        country_name="Lebanon",
        status="escalated",
        status_label="Escalated",
        persons=[
            PersonRecord(
                id=12,
                role="affected",
                name=ENGLISH_NAME,
                pseudonym="Activist R.",
                contact="rana@example.org",
                consents=consents(**consent),
            )
        ],
        violations=[
            ViolationRecord(
                id=22,
                type_code="account_suspension",
                type_label="Account suspension or deletion",
                platform_code="instagram",
                platform_label="Instagram",
                date=dt.date(2026, 4, 12),
                description="Account suspended without notice.",
                affected_person_ids=[12],
                content_concerned=["https://instagram.com/rana.k", "@rana.k"],
                stated_reason="Dangerous organisations and individuals",
            )
        ],
    )
