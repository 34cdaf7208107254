"""The UPR word limit and the UN admissibility check refuse what they must."""

import datetime as dt
from dataclasses import replace

import pytest

from cases.models.record import Consent
from reporting.builders.checks import abusive_words, un_admissibility
from reporting.builders.collective import check_upr_submission
from reporting.builders.single import check_dsa_complaint, complaint_deadline
from reporting.records import EvidenceRecord
from reporting.wordcount import INDIVIDUAL_LIMIT, JOINT_LIMIT, count_words, upr_word_count
from tests.reporting.samples import arabic_case, english_case


def blocking(problems) -> list[str]:
    return [problem.message for problem in problems if problem.blocking]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("one two  three", 3),
        ("Law 81/2018 , article 23 — repealed", 5),  # lone punctuation is not a word
        ("استدعي المدون إلى التحقيق", 4),
        ("mixed العربية and English 2026", 5),
    ],
)
def test_words_are_counted_like_a_word_processor(text, expected):
    assert count_words(text) == expected


def test_limits_are_those_of_ohchr():
    assert INDIVIDUAL_LIMIT == 2815 and JOINT_LIMIT == 5630
    assert not upr_word_count(["word " * 2815], joint=False).over
    assert upr_word_count(["word " * 2816], joint=False).over
    assert not upr_word_count(["word " * 2816], joint=True).over
    assert upr_word_count(["word " * 5631], joint=True).over


OPTIONS = {"organisation": "Digital Rights Lab", "session": "49", "recommendations": "Repeal article 23."}


def test_upr_over_the_limit_is_refused_with_the_count():
    long_case = replace(arabic_case(), narrative="كلمة " * 3000, language="ar")
    problems = blocking(check_upr_submission(cases=[long_case], options=OPTIONS, language="ar"))
    assert any("the limit is 2815" in message for message in problems)
    joint = blocking(check_upr_submission(cases=[long_case], options={**OPTIONS, "joint": True}, language="ar"))
    assert not any("limit" in message for message in joint)


def test_upr_covers_one_country():
    other = replace(english_case(), country="EG", country_name="Egypt")
    problems = blocking(check_upr_submission(cases=[arabic_case(), other], options=OPTIONS))
    assert any("one country" in message for message in problems)


def test_upr_within_limits_passes():
    assert blocking(check_upr_submission(cases=[arabic_case(), english_case()], options=OPTIONS)) == []


def test_admissible_case_has_no_blocking_problem():
    assert blocking(un_admissibility(arabic_case(state=True, public=True), organisation="DRL")) == []


def test_anonymous_communication_is_refused():
    case = arabic_case(state=True)
    case.persons[0].name = ""
    assert any("anonymous" in message for message in blocking(un_admissibility(case, organisation="DRL")))


def test_no_victim_is_refused():
    case = replace(arabic_case(state=True), persons=[])
    assert any("victim" in message for message in blocking(un_admissibility(case, organisation="DRL")))


@pytest.mark.parametrize("refused", [False, True], ids=["not asked", "refused"])
def test_no_consent_is_no_dead_end_the_person_goes_by_pseudonym(refused):
    """OHCHR practice: without consent the communication is still possible, the person named by pseudonym."""
    case = arabic_case(refused=refused)
    problems = un_admissibility(case, organisation="DRL")
    assert blocking(problems) == []
    notes = [problem.message for problem in problems if "pseudonym only" in problem.message]
    assert len(notes) == 1
    assert ("Ask the person" in notes[0]) is not refused
    assert "سمير" not in notes[0]


def test_withdrawn_state_consent_only_warns_and_names_nobody():
    case = arabic_case(public=True)
    case.persons[0].consents["state"] = Consent(kind="state", status="withdrawn", on=dt.date(2026, 2, 1))
    problems = un_admissibility(case, organisation="DRL")
    assert blocking(problems) == []
    assert any("pseudonym" in problem.message and not problem.blocking for problem in problems)


def test_media_reports_alone_are_refused():
    case = replace(arabic_case(state=True), evidence=[])
    problems = blocking(un_admissibility(case, organisation="DRL"))
    assert any("media reports" in message for message in problems)
    case.evidence = [EvidenceRecord(id=1, sha256="a" * 64)]
    assert blocking(un_admissibility(case, organisation="DRL")) == []


@pytest.mark.parametrize(
    "text", ["The regime's thugs arrested him.", "اعتقله الشبيحة", "اعتقلَهُ البلطجيّة", "A TYRANT's order"]
)
def test_abusive_language_is_refused(text):
    assert abusive_words(text)
    case = replace(arabic_case(state=True), narrative=text)
    assert any("Abusive" in message for message in blocking(un_admissibility(case, organisation="DRL")))


def test_plain_words_that_contain_an_insult_are_not_refused():
    assert abusive_words("The pigsty law and the dogsled permit") == []


def test_missing_details_are_listed():
    case = replace(arabic_case(state=True), narrative="", start_date=None, country="", violations=[])
    problems = blocking(un_admissibility(case, organisation=""))
    for expected in ("narrative", "No act", "No date", "No country", "organisation"):
        assert any(expected in message for message in problems), expected


def test_dsa_complaint_deadline_is_six_months_after_the_decision():
    assert complaint_deadline(dt.date(2026, 2, 28)) == dt.date(2026, 8, 28)
    assert complaint_deadline(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    case = arabic_case(platform=True)
    case.violations[0].date = dt.date(2026, 1, 10)
    late = check_dsa_complaint(cases=[case], options={"platform": "facebook"}, today=dt.date(2026, 7, 11))
    assert any("ended on 2026-07-10" in message for message in blocking(late))
    timely = check_dsa_complaint(cases=[case], options={"platform": "facebook"}, today=dt.date(2026, 7, 10))
    assert blocking(timely) == []


def test_trusted_flagger_summary_needs_its_year():
    from reporting.builders.statistics import check_trusted_flagger

    assert blocking(check_trusted_flagger(cases=[], options={"year": ""}))
    assert blocking(check_trusted_flagger(cases=[], options={"year": 2026})) == []


def test_a_withheld_name_spelled_in_the_other_script_is_replaced_not_just_pointed_out():
    from reporting.profiles import disclose_case

    case = arabic_case(public=False)  # the English translation spells the Arabic name in Latin letters
    assert "Samir Haddad" in case.narrative_translation
    disclosed = disclose_case(case, "public")
    assert "Samir" not in disclosed.narrative_translation and "Haddad" not in disclosed.narrative_translation
    assert "المدون س." in disclosed.narrative_translation
    assert ("translated narrative", "المدون س.") in disclosed.replacements
    assert "Samir Haddad" in disclose_case(arabic_case(public=True), "public").narrative_translation
