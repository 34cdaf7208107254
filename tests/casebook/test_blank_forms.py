"""Blank forms rendered once per language: the case page's empty forms come from a kept copy."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from cases.forms import LinkForm, ReviewNoteForm
from evidence.forms import UploadForm

TEMPLATE = Template("{% load blank_forms %}{% form_fields form %}")


def render(form, language: str) -> str:
    with translation.override(language):
        return TEMPLATE.render(Context({"form": form}))


@pytest.fixture(autouse=True)
def _not_debug(settings):
    settings.DEBUG = False


def test_each_language_gets_its_own_labels_and_the_same_html_the_second_time():
    english, arabic = render(ReviewNoteForm(), "en"), render(ReviewNoteForm(), "ar")
    assert "Legal review" in english
    assert "Legal review" not in arabic and "مراجعة" in arabic
    assert render(ReviewNoteForm(), "en") == english
    assert render(ReviewNoteForm(), "ar") == arabic


def test_a_bound_form_shows_its_values_and_errors_not_the_blank_copy():
    render(LinkForm(), "en")
    bound = LinkForm(data={"reference": "<b>DR-1</b>", "kind": "nonsense"})
    bound.is_valid()
    html = render(bound, "en")
    assert "&lt;b&gt;DR-1&lt;/b&gt;" in html and "<b>DR-1" not in html
    assert 'role="alert"' in html
    assert render(LinkForm(), "en").count('role="alert"') == 0


def test_forms_with_other_ids_or_initial_values_are_kept_apart():
    plain = render(UploadForm(), "en")
    prefixed = render(UploadForm(auto_id="id_upload_%s"), "en")
    assert 'id="id_files"' in plain and 'id="id_upload_files"' in prefixed
    described = render(UploadForm(initial={"description": "from the field team"}), "en")
    assert "from the field team" in described and "from the field team" not in plain


def test_a_form_that_reads_per_request_is_never_kept(settings):
    class Changing(ReviewNoteForm):
        renders_alike_when_blank = False

    first = Changing()
    first.fields["text"].label = "First label"
    second = Changing()
    second.fields["text"].label = "Second label"
    assert "First label" in render(first, "en")
    assert "Second label" in render(second, "en")


def test_while_debugging_templates_are_rendered_afresh(settings):
    settings.DEBUG = True
    form = ReviewNoteForm()
    form.fields["text"].label = "Edited while debugging"
    assert "Edited while debugging" in render(form, "en")


def test_the_case_page_offers_its_forms_in_the_readers_language(as_user, officer, case):
    client = as_user(officer)
    english = client.get(reverse("cases:detail", args=[case.reference]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies.pop("django_language", None)
    with translation.override("ar"):
        arabic = client.get(reverse("cases:detail", args=[case.reference]), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "Reference of the other case" in english and 'id="id_upload_files"' in english
    assert "Reference of the other case" not in arabic and 'id="id_upload_files"' in arabic
