"""A documented case in the database, built through the services like an officer would."""

import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from cases import services as case_services
from cases.models import Actor, ActorType, Platform, Profession, ViolationType
from evidence.models import CustodyEvent, EvidenceItem
from evidence.services import custody_record, original_name_for
from tests.evidence.test_upload import png_bytes

NAME = "سمير حداد"
PSEUDONYM = "المدون س."
PHONE = "+961 3 555 019"
PLACE = "باب التبانة"
NARRATIVE = "استدعى مكتب الجرائم الإلكترونية المدون سمير حداد بسبب منشور ينتقد الحكومة."
TRANSLATION = "The cybercrime bureau summoned the blogger over a post criticising the government."
TITLE = "استدعاء مدون بسبب منشور"
GIVEN = dt.date(2026, 1, 5)


def add_evidence(*, actor, case, data: bytes, name: str) -> EvidenceItem:
    """An evidence item stored under its hash, as intake would leave it."""
    sha256 = hashlib.sha256(data).hexdigest()
    stored = original_name_for(sha256)
    if not default_storage.exists(stored):
        default_storage.save(stored, ContentFile(data))
    item = EvidenceItem.objects.create(
        case=case,
        file=stored,
        sha256=sha256,
        size=len(data),
        media_type="image/png",
        original_name=name,
        uploaded_by=actor,
    )
    custody_record(item=item, action=CustodyEvent.Action.UPLOADED, actor=actor)
    return item


def consent_fields(**given) -> dict:
    fields = {}
    for kind in ("state", "public", "platform"):
        if given.get(kind):
            fields |= {
                f"consent_{kind}_status": "given",
                f"consent_{kind}_date": GIVEN,
                f"consent_{kind}_method": "written",
            }
    return fields


def document_case(officer, *, consents=None, evidence=1, country="LB", act_date=None):
    """An Arabic case with one named person, an act on Facebook, two interventions and evidence.

    The act is 30 days old by default, inside the DSA Article 20 window.
    """
    act_date = act_date or timezone.localdate() - dt.timedelta(days=30)
    case = case_services.case_create(
        actor=officer,
        title=TITLE,
        title_translation="Blogger summoned over a post",
        narrative=NARRATIVE,
        narrative_translation=TRANSLATION,
        language="ar",
        country=country,
        place=PLACE,
        start_date=act_date,
        sensitivity="normal",
    )
    person = case_services.person_save(
        actor=officer,
        case=case,
        name=NAME,
        pseudonym=PSEUDONYM,
        contact=PHONE,
        affiliation="شبكة مدوني طرابلس",
        profession=Profession.objects.get(code="blogger"),
        **consent_fields(**(consents or {})),
    )
    actor = Actor.objects.create(
        name_en="Cybercrime Bureau",
        name_ar="مكتب الجرائم الإلكترونية",
        actor_type=ActorType.objects.get(code="security_agency"),
    )
    violation = case_services.violation_save(
        actor=officer,
        case=case,
        violation_type=ViolationType.objects.get(code="summons"),
        platform=Platform.objects.get(code="facebook"),
        date=act_date,
        description="Summoned for a Facebook post.",
        legal_basis="Law 81/2018, article 23",
        content_concerned="https://facebook.com/posts/12345\n@samir.blog",
        stated_reason="Community standards: hate speech",
        affected_persons=[person],
        actors=[actor],
    )
    case_services.intervention_save(
        actor=officer,
        case=case,
        kind="complaint",
        recipient="Public prosecutor",
        status="sent",
        sent_on=act_date + dt.timedelta(days=2),
    )
    case_services.intervention_save(
        actor=officer,
        case=case,
        kind="dsa_notice",
        recipient="Meta",
        status="actioned",
        platform=Platform.objects.get(code="facebook"),
        violation=violation,
        sent_on=act_date + dt.timedelta(days=3),
        response_date=act_date + dt.timedelta(days=10),
    )
    for number in range(evidence):
        add_evidence(actor=officer, case=case, data=png_bytes() + bytes([number]), name=f"summons_haddad_{number}.png")
    case.refresh_from_db()
    return case


@pytest.fixture
def make_case(officer):
    def make(**kwargs):
        return document_case(officer, **kwargs)

    return make


@pytest.fixture
def background(settings):
    """Jobs go to Celery; the task runs through Celery's own eager execution."""
    from casebook.celery import app

    settings.CASEBOOK_BACKGROUND_JOBS = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
