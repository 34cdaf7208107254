"""What the case form offers a new user: the organisation's default sensitivity and who sees it,
the reader's language, the title's script, and an approximate date that needs a date."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case
from cases.selectors import case_list_visible
from tests.cases.entry import entry

pytestmark = pytest.mark.django_db


def _form(client, language):
    client.cookies["django_language"] = language
    return client.get(reverse("cases:create"))


def test_a_new_case_is_offered_as_normal_and_advocacy_then_sees_it(as_user, officer, advocacy):
    response = _form(as_user(officer), "en")
    assert response.context["form"]["sensitivity"].value() == "normal"
    data = entry()
    data.pop("sensitivity")
    data["sensitivity"] = response.context["form"]["sensitivity"].value()
    as_user(officer).post(reverse("cases:create"), data)
    case = Case.objects.get()
    assert case.sensitivity == "normal"
    assert list(case_list_visible(user=advocacy)) == [case]


def test_the_default_sensitivity_is_the_organisations_setting(as_user, officer, settings):
    settings.CASEBOOK_DEFAULT_SENSITIVITY = "sensitive"
    assert _form(as_user(officer), "en").context["form"]["sensitivity"].value() == "sensitive"
    assert services.case_create(actor=officer, title="Account suspended", country="EG").sensitivity == "sensitive"
    settings.CASEBOOK_DEFAULT_SENSITIVITY = "normal"
    assert services.case_create(actor=officer, title="Account suspended", country="EG").sensitivity == "normal"


def test_an_unknown_default_sensitivity_stops_the_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import casebook.settings

    monkeypatch.setenv("CASEBOOK_DEFAULT_SENSITIVITY", "secret")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(casebook.settings)
    monkeypatch.delenv("CASEBOOK_DEFAULT_SENSITIVITY")
    importlib.reload(casebook.settings)


@pytest.mark.parametrize(
    ("language", "audiences"),
    [
        ("en", ["every documentation and advocacy officer", "advocacy officers cleared", "only the officers assigned"]),
        ("ar", ["كل موظفي التوثيق والمناصرة", "موظفو المناصرة المأذون لهم", "الموظفون المكلفون بالقضية فقط"]),
    ],
)
def test_the_form_says_who_sees_the_case_at_each_level(as_user, officer, language, audiences):
    text = _form(as_user(officer), language).text
    for audience in audiences:
        assert audience in text


@pytest.mark.parametrize(("language", "expected"), [("ar", "ar"), ("en", "en")])
def test_the_original_language_is_offered_in_the_interface_language(as_user, officer, language, expected):
    assert _form(as_user(officer), language).context["form"]["language"].value() == expected


def test_an_arabic_title_left_with_the_offered_language_is_arabic(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "en"
    client.post(reverse("cases:create"), entry(language="en"))  # offered "en", title typed in Arabic
    assert Case.objects.get().language == "ar"


def test_an_english_title_left_with_the_offered_language_is_english(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    client.post(reverse("cases:create"), entry(language="ar", title="Website blocked", title_translation="حجب"))
    assert Case.objects.get().language == "en"


def test_a_language_chosen_on_purpose_is_kept(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "en"
    # The offered language was English; the officer chose Arabic for an English title.
    client.post(reverse("cases:create"), entry(language="ar", title="Website blocked", title_translation="حجب"))
    assert Case.objects.get().language == "ar"


def test_an_edit_never_changes_the_language_by_itself(as_user, officer):
    case = services.case_create(actor=officer, title="حجب موقع", language="en", country="EG")
    client = as_user(officer)
    data = entry(persons=[], violations=[], title="حجب موقع إخباري", language="en")
    client.post(reverse("cases:edit", args=[case.reference]), data)
    case.refresh_from_db()
    assert (case.title, case.language) == ("حجب موقع إخباري", "en")


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Give at least the year of an approximate date"), ("ar", "اكتب السنة على الأقل لتاريخ تقريبي")],
)
def test_approximate_without_a_date_is_refused_next_to_the_field(as_user, officer, language, message):
    client = as_user(officer)
    client.cookies["django_language"] = language
    response = client.post(reverse("cases:create"), entry(start_0="", start_1="on"))
    assert Case.objects.count() == 0
    assert message in " ".join(response.context["form"].errors["start"])
    text = response.text
    box = text.index('id="id_start_0"')
    field = text[text.rindex('<div class="field', 0, box) : text.index("</div>", box)]
    assert field.startswith('<div class="field invalid') and message in field


def test_approximate_with_a_year_is_kept_as_approximate(as_user, officer):
    as_user(officer).post(reverse("cases:create"), entry(start_0="2012", start_1="on"))
    case = Case.objects.get()
    assert (case.start_date.year, case.start_date_precision) == (2012, "approximate")


@pytest.mark.parametrize(("language", "label"), [("en", "Approximate"), ("ar", "تقريبي")])
def test_the_approximate_box_has_a_label_of_its_own(as_user, officer, language, label):
    text = _form(as_user(officer), language).text
    box = text.index('id="id_start_1"')
    start = text.rindex("<label", 0, box)
    assert text[start:].split("</label>")[0].endswith(label)
