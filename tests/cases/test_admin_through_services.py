"""Writes made in the admin go through the services: search, history and audit stay in step."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from casebook.audit import Action
from casebook.models import AuditEvent
from cases.models import Case, Tag, ViolationType
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(as_user, administrator):
    return as_user(administrator)


def found(client, query: str) -> list[Case]:
    return list(client.get(reverse("cases:list"), {"q": query}).context["page"])


def change_form(client, obj, **changes):
    """The admin's change form as the browser sends it back, with the given changes."""
    url = reverse(f"admin:cases_{obj._meta.model_name}_change", args=[obj.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data.update(changes)
    return client.post(url, data, follow=True)


def test_a_tag_renamed_in_the_admin_is_found_by_its_new_name_only(admin_client, officer, case):
    tag = Tag.objects.create(name="elections2026")
    case.tags.add(tag)
    call_command("refresh_search")
    assert found(admin_client, "elections2026") == [case]
    response = change_form(admin_client, tag, name="referendum2027")
    assert response.status_code == 200
    assert "The search of 1 case that uses it was refreshed." in response.text
    assert found(admin_client, "referendum2027") == [case]
    assert found(admin_client, "elections2026") == []
    assert tag.history.latest().history_user.username == "administrator"
    entry = AuditEvent.objects.get(action=Action.VOCABULARY_CHANGED)
    assert (entry.target_type, entry.target_id) == ("cases.tag", str(tag.pk))
    assert '"fields": ["name"]' in entry.detail


def test_a_violation_type_relabelled_in_the_list_is_found_by_its_new_label(admin_client, case):
    kind = ViolationType.objects.get(code="account_suspension")
    changelist = reverse("admin:cases_violationtype_changelist")
    formset = admin_client.get(changelist).context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms)),
        "_save": "Save",
    }
    for index, form in enumerate(formset.forms):
        for name in ("id", "label_en", "label_ar", "position", "is_active"):
            value = form[name].value()
            if name == "is_active":
                if value:
                    data[f"form-{index}-{name}"] = "on"
                continue
            data[f"form-{index}-{name}"] = "" if value is None else value
        if form.instance.pk == kind.pk:
            data[f"form-{index}-label_en"] = "Deplatforming"
    response = admin_client.post(changelist, data, follow=True)
    assert response.status_code == 200
    kind.refresh_from_db()
    assert kind.label_en == "Deplatforming"
    assert found(admin_client, "deplatforming") == [case]
    assert AuditEvent.objects.filter(action=Action.VOCABULARY_CHANGED, target_id=str(kind.pk)).exists()


def test_an_actor_renamed_in_the_admin_is_found_by_its_new_name(admin_client, officer, case):
    actor = ActorFactory(name_en="Cybercrime Bureau")
    violation = case.violations.get()
    violation.actors.add(actor)
    call_command("refresh_search")
    change_form(admin_client, actor, name_en="Electronic Crimes Unit")
    assert found(admin_client, "electronic crimes") == [case]
    assert found(admin_client, "bureau") == []


def test_cases_cannot_be_changed_or_added_in_the_admin(admin_client, case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    response = admin_client.post(url, {"title": "Changed behind the services"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title != "Changed behind the services"
    assert admin_client.get(reverse("admin:cases_case_add")).status_code == 403
    assert admin_client.get(url).status_code == 200  # still readable


def test_refresh_search_repairs_a_stale_index(admin_client, case, capsys):
    Case.objects.filter(pk=case.pk).update(title="Zebracorn")  # a change made outside Casebook's pages
    assert found(admin_client, "zebracorn") == []
    call_command("refresh_search")
    assert "Search refreshed for 1 cases." in capsys.readouterr().out
    assert found(admin_client, "zebracorn") == [case]


def test_a_clearance_changed_in_the_admin_is_audited(admin_client, advocacy):
    from cases.models import SensitivityClearance

    url = reverse("admin:cases_sensitivityclearance_add")
    admin_client.post(url, {"user": advocacy.pk, "level": "sensitive"}, follow=True)
    clearance = SensitivityClearance.objects.get(user=advocacy)
    assert clearance.level == "sensitive"
    assert AuditEvent.objects.filter(action=Action.VOCABULARY_CHANGED, target_id=str(clearance.pk)).exists()


def test_the_refresh_is_reported_in_arabic(admin_client, case):
    tag = Tag.objects.create(name="انتخابات")
    case.tags.add(tag)
    admin_client.cookies["django_language"] = "ar"
    response = change_form(admin_client, tag, name="استفتاء")
    assert "حُدِّث فهرس البحث في القضية التي تستخدمه." in response.text
