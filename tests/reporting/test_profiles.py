"""Disclosure profiles on plain data: who may be named, where, and what free text keeps."""

from datetime import date

import pytest

from cases.models.record import Consent
from reporting.profiles import Profile, disclose_case
from reporting.records import CaseRecord, EvidenceRecord, PersonRecord, ViolationRecord

GIVEN = date(2026, 1, 10)


def person(pk=1, *, state=False, public=False, platform=False, withdrawn=None, **fields):
    consents = {}
    for kind, given in (("state", state), ("public", public), ("platform", platform)):
        if given:
            consents[kind] = Consent(kind=kind, status="given", on=GIVEN, method="written")
    values = {
        "name": "Samir Haddad",
        "pseudonym": "S.",
        "contact": "+961 3 123 456\nsamir@example.org",
        "affiliation": "Beirut Bloggers Collective",
        "profession": "Blogger",
    }
    values.update(fields)
    return PersonRecord(id=pk, role="affected", consents=consents, **values)


def case(*persons, place="Tripoli, Bab al-Tabbaneh", narrative=None):
    return CaseRecord(
        id=1,
        reference="DR-2026-0001",
        title="Blogger arrested",
        narrative=narrative
        or "Samir Haddad was arrested in Tripoli, Bab al-Tabbaneh. Call Haddad on +961-3-123456 or samir@example.org.",
        place=place,
        persons=list(persons),
        violations=[ViolationRecord(id=1, description="Officers seized Samir's phone.", affected_person_ids=[1])],
        evidence=[EvidenceRecord(id=1, original_name="haddad_summons.jpg", sha256="a" * 64, uploaded_by="officer")],
    )


def everything(disclosed) -> str:
    parts = [disclosed.title, disclosed.narrative, disclosed.place]
    parts += [v.description for v in disclosed.violations]
    parts += [e.original_name for e in disclosed.evidence]
    for p in disclosed.persons:
        parts += [p.label, p.name, p.contact, p.affiliation]
    return " ".join(parts)


def test_internal_profile_shows_everything():
    disclosed = disclose_case(case(person()), Profile.INTERNAL)
    assert disclosed.persons[0].name == "Samir Haddad"
    assert disclosed.persons[0].contact.startswith("+961")
    assert disclosed.place == "Tripoli, Bab al-Tabbaneh"
    assert "samir@example.org" in disclosed.narrative
    assert disclosed.evidence[0].original_name == "haddad_summons.jpg"


def test_legal_partner_gets_names_to_be_given_to_the_state_but_no_contact_details():
    disclosed = disclose_case(case(person(state=True)), Profile.LEGAL_PARTNER)
    assert disclosed.persons[0].name == "Samir Haddad"
    assert disclosed.persons[0].contact == ""
    assert "123" not in disclosed.narrative
    assert "samir@example.org" not in disclosed.narrative
    assert "Samir Haddad" in disclosed.narrative


@pytest.mark.parametrize(
    ("profile", "consent"),
    [
        (Profile.LEGAL_PARTNER, "state"),
        (Profile.UN_CONFIDENTIAL, "state"),
        (Profile.PUBLIC, "public"),
        (Profile.PLATFORM, "platform"),
    ],
)
def test_without_the_profiles_consent_no_name_contact_or_place_remains(profile, consent):
    other_consents = {kind: True for kind in ("state", "public", "platform") if kind != consent}
    disclosed = disclose_case(case(person(**other_consents)), profile)
    text = everything(disclosed)
    for secret in ("Samir", "Haddad", "123", "456", "samir@example.org", "Tripoli", "Tabbaneh"):
        assert secret not in text, (profile, secret)
    assert disclosed.persons[0].label == "S."
    assert disclosed.persons[0].named is False
    assert "S. was arrested" in disclosed.narrative


@pytest.mark.parametrize(
    ("profile", "consent"),
    [(Profile.UN_CONFIDENTIAL, "state"), (Profile.PUBLIC, "public"), (Profile.PLATFORM, "platform")],
)
def test_with_the_profiles_consent_the_name_appears_but_never_contact_details(profile, consent):
    disclosed = disclose_case(case(person(**{consent: True})), profile)
    assert disclosed.persons[0].name == "Samir Haddad"
    assert "Samir Haddad was arrested" in disclosed.narrative
    assert disclosed.place == "Tripoli, Bab al-Tabbaneh"
    assert "samir@example.org" not in everything(disclosed)
    assert "123" not in everything(disclosed)


def test_withdrawn_consent_counts_as_none():
    withdrawn = person()
    withdrawn.consents["public"] = Consent(kind="public", status="withdrawn", on=date(2026, 3, 1), method="oral")
    disclosed = disclose_case(case(withdrawn), Profile.PUBLIC)
    assert "Haddad" not in everything(disclosed)
    assert disclosed.withheld == 1


def test_consent_to_one_use_does_not_open_another():
    disclosed = disclose_case(case(person(public=True)), Profile.UN_CONFIDENTIAL)
    assert "Haddad" not in everything(disclosed)


def test_place_is_withheld_when_any_affected_person_may_not_be_named():
    named = person(1, public=True)
    unnamed = person(2, name="Rana Khoury", pseudonym="R.", contact="")
    disclosed = disclose_case(case(named, unnamed), Profile.PUBLIC)
    assert disclosed.place == ""
    assert "Tripoli" not in disclosed.narrative
    assert [p.label for p in disclosed.persons] == ["Samir Haddad", "R."]


def test_statistics_profile_carries_no_person_and_no_free_text():
    disclosed = disclose_case(case(person(state=True, public=True, platform=True)), Profile.STATISTICS)
    assert disclosed.persons == []
    assert disclosed.narrative == ""
    assert disclosed.place == ""
    assert disclosed.violations[0].description == ""
    assert disclosed.violations[0].affected_person_ids == []


def test_arabic_name_is_found_despite_tashkeel_and_letter_variants():
    arabic = person(name="أحمد منصور", pseudonym="أ. م.", contact="")
    record = case(arabic, narrative="اعتُقل احمد مَنصور بعد منشوره، ثم أُفرج عن منصور.")
    disclosed = disclose_case(record, Profile.PUBLIC)
    assert "منصور" not in disclosed.narrative
    assert "احمد" not in disclosed.narrative
    assert "أ. م." in disclosed.narrative


def test_pseudonym_falls_back_to_a_number():
    disclosed = disclose_case(case(person(pseudonym="")), Profile.PUBLIC)
    assert disclosed.persons[0].label == "Person 1"


def test_file_names_and_staff_names_stay_inside():
    disclosed = disclose_case(case(person()), Profile.UN_CONFIDENTIAL)
    assert disclosed.evidence[0].original_name == "Item 1"
    assert disclosed.evidence[0].uploaded_by == ""
    assert disclosed.evidence[0].sha256 == "a" * 64
