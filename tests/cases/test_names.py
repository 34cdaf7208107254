"""Finding a person's name in free text, in every shape it is typed, and nothing else."""

import pytest

from cases.names import may_be_named, name_matcher, suggest_arabic, suggest_latin

SAMIR = name_matcher(["سمير الحداد"])


@pytest.mark.parametrize(
    "text",
    [
        "سمير الحداد",
        "سَمِير الحدّاد",  # tashkeel and shadda
        "سمــير",  # tatweel
        "وسمير",  # and Samir
        "للحداد",  # to al-Haddad
        "بالحداد",
        "حداد",  # without the article
        "Samir al-Haddad",
        "SAMIR AL HADDAD",
        "Sameer El Hadad",  # a Latin spelling never recorded
        "Samir Alhaddad",
        "al-Haddad's post",
        "Haddad",
        "Sa'mir",  # an apostrophe inside the name
        "ﺳﻤﻴﺮ",  # Arabic presentation forms, as some PDF tools extract them
        "Sam\u00adir",  # a soft hyphen
    ],
)
def test_every_shape_of_an_arabic_name_is_found(text):
    assert SAMIR.found(text), text


@pytest.mark.parametrize(
    "text",
    ["summer", "Samer", "Hadid", "سامر", "حدد", "سميرة", "seminar", "Hadassah"],
)
def test_other_names_and_words_are_not(text):
    assert not SAMIR.found(text), text


def test_a_name_recorded_in_latin_script_is_found_in_arabic_text():
    rana = name_matcher(["Rana Khoury"])
    assert rana.found("رنا خوري") and rana.found("ورنا") and rana.found("Rana Khouri")
    assert not rana.found("رانيا")


def test_a_name_that_is_a_common_word_is_matched_as_a_whole_word_only():
    amal = name_matcher(["Amal"])
    assert amal.found("Amal was arrested") and amal.found("أمل") and amal.found("amal's")
    for word in ("email", "Amalfi", "normal", "Camal"):
        assert not amal.found(word), word


def test_a_one_or_two_letter_name_is_never_found_inside_words():
    short = name_matcher(["Li"])
    assert short.found("Li was detained")
    assert not short.found("Lina likes lilies") and not short.found("political")


def test_particles_never_name_anyone_alone():
    kunya = name_matcher(["Abu Karim"])
    assert kunya.found("Abu Karim") and kunya.found("Karim")
    assert not kunya.found("Abu Ahmad") and not kunya.found("أبو أحمد")


def test_given_and_family_names_are_found_apart():
    text = "Samir was questioned for hours while the officer insisted that al-Haddad sign."
    replaced, count = SAMIR.replace(text, "[S.]")
    assert count == 2
    assert "Samir" not in replaced and "Haddad" not in replaced
    assert replaced.startswith("[S.] was questioned")


def test_replacement_keeps_the_rest_of_the_text_and_its_diacritics():
    text = "قال المحامي إنّ وسمير بريء."
    replaced, count = SAMIR.replace(text, "المدون س.")
    assert count == 1 and replaced == "قال المحامي إنّ المدون س. بريء."


def test_no_name_matches_nothing():
    assert not name_matcher([]) and not name_matcher(["", "  "]).found("anything")


def test_a_label_with_backslashes_is_inserted_as_it_is():
    assert SAMIR.replace("Samir", r"P\1")[0] == r"P\1"


def test_spellings_are_suggested_in_the_other_script():
    assert suggest_latin("سمير الحداد").startswith("Samir al-")
    assert suggest_latin("محمد") == "Mohammed"
    assert suggest_arabic("Samir al-Haddad").startswith("سمير ال")
    # What is suggested is found again by the matcher of the name it came from.
    for name in ("سمير الحداد", "يوسف أبو زيد", "ليلى بن صالح", "عثمان الطيب"):
        assert name_matcher([name]).found(suggest_latin(name)), name
    for name in ("Rana Khoury", "Karim Bensaid", "Nadia Amrani"):
        assert name_matcher([name]).found(suggest_arabic(name)), name


NAMES = [
    ["سمير الحداد"],
    ["Rana Khoury"],
    ["Amal"],
    ["Li"],
    ["Abu Karim"],
    ["يوسف أبو زيد", "Youssef Abu Zeid"],
    ["ليلى بن صالح 2"],
    ["12 Karim"],
]
TEXTS = [
    *[text for mark in test_every_shape_of_an_arabic_name_is_found.pytestmark for text in mark.args[1]],
    "Rana Khouri and رنا خوري",
    "ورنا",
    "Amal was arrested, أمل",
    "Li was detained",
    "Abu Karim",
    "Karim",
    "وليوسف",
    "Zeid posted again",
    "بن صالح",
    "صالح",
    "Samir was questioned while al-Haddad waited",
    "حذف منشور رقم 12 للمدون 2",
    "Lina likes lilies",
    "",
]


@pytest.mark.parametrize("spellings", NAMES, ids=str)
def test_a_name_whose_words_are_absent_is_known_absent_without_its_whole_pattern(spellings):
    """``may_be_named`` may say yes in vain, never no in vain: it decides when the matcher is built."""
    matcher = name_matcher(spellings)
    found = [text for text in TEXTS if matcher.found(text)]
    assert found
    for text in found:
        assert may_be_named(spellings, text), (spellings, text)


def test_a_text_without_the_name_needs_no_matcher():
    assert not may_be_named(["سمير الحداد 12"], "حذف منشور رقم 12 للمدون 40 مصر Egypt فيسبوك Facebook")
    assert not may_be_named(["Rana Khoury"], "Account of a journalist suspended in Jordan")
    assert may_be_named(["سمير الحداد 12"], "اعتقال المدون سمير")
