"""The list's drop-downs are written in Python (cases/widgets.py): every value and label is escaped."""

from django.utils.translation import override

from cases.widgets import FastSelect

HOSTILE = '"><script>alert(1)</script><option value="x'


def render(choices, value) -> str:
    widget = FastSelect(choices=choices)
    return widget.render("actor", value, attrs={"id": "id_actor"})


def test_hostile_labels_and_values_are_escaped():
    html = render([("", "---"), ("1", HOSTILE), (HOSTILE, "Plain")], HOSTILE)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<option") == 3
    # The hostile value is chosen, and marked as such without breaking out of its attribute.
    assert '<option value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;option value=&quot;x" selected>' in html


def test_the_chosen_option_is_marked_and_only_it():
    choices = [("", "---"), ("1", "One"), ("11", "Eleven"), ("2", "Two")]
    html = render(choices, "1")
    assert '<option value="1" selected>One</option>' in html
    assert html.count(" selected") == 1
    assert '<option value="11">Eleven</option>' in html
    # The same choices again, another value: the reused options carry no earlier choice.
    again = render(choices, "2")
    assert '<option value="2" selected>Two</option>' in again and again.count(" selected") == 1
    assert " selected" not in render(choices, None)


def test_labels_follow_the_language_of_the_page():
    from cases.choices import Status

    with override("en"):
        english = render([("", "---"), *Status.choices], "verified")
    with override("ar"):
        arabic = render([("", "---"), *Status.choices], "verified")
    assert '<option value="verified" selected>Verified</option>' in english
    assert "Verified" not in arabic and arabic.count(" selected") == 1
