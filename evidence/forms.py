from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        # The content is judged by evidence.uploads, not by the form.
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."), code="required")
        return files


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CollectionForm(forms.Form):
    """How the evidence was collected, as the officer states it."""

    collected_by = forms.CharField(label=_("Collected by"), max_length=200, required=False)
    collected_at = forms.DateTimeField(label=_("Collected on"), required=False, widget=DateTimeLocalInput())
    collected_from = forms.CharField(
        label=_("Collected from"),
        max_length=500,
        required=False,
        help_text=_("Where it came from: a device, an account, a page, a person."),
    )
    collection_tool = forms.CharField(
        label=_("Collected with"), max_length=200, required=False, help_text=_("The tool or method used.")
    )

    COLLECTION_FIELDS = ("collected_by", "collected_at", "collected_from", "collection_tool")

    def clean_collected_at(self):
        value = self.cleaned_data["collected_at"]
        if value and value > timezone.now() + timezone.timedelta(days=1):
            raise forms.ValidationError(_("The collection date cannot be in the future."))
        return value

    def collection(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.COLLECTION_FIELDS}


class UploadForm(CollectionForm):
    renders_alike_when_blank = True  # see casebook/templatetags/blank_forms.py

    files = MultipleFileField(label=_("Files"))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["files", "description", *CollectionForm.COLLECTION_FIELDS]


class LinkForm(CollectionForm):
    renders_alike_when_blank = True  # see casebook/templatetags/blank_forms.py

    url = forms.URLField(
        label=_("URL"),
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    captured_at = forms.DateTimeField(label=_("Captured on"), widget=DateTimeLocalInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    archived_copy = forms.FileField(
        label=_("Archived copy"),
        required=False,
        help_text=_("A saved copy of the page: a PDF, a screenshot or a WARC file."),
    )

    field_order = ["url", "captured_at", "note", "archived_copy", "collected_by", "collection_tool"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A link's collection date is its capture date; where from is the URL itself.
        del self.fields["collected_at"]
        del self.fields["collected_from"]

    def clean_captured_at(self):
        value = self.cleaned_data["captured_at"]
        if value > timezone.now() + timezone.timedelta(days=1):
            raise forms.ValidationError(_("The capture date cannot be in the future."))
        return value


class ScreenshotCheckForm(forms.Form):
    """A re-check of a content item, stated with the screenshot that shows it."""

    result = forms.ChoiceField(
        label=_("Found"), choices=[("still_down", _("Still down")), ("back", _("Restored"))], initial="still_down"
    )
    on = forms.DateField(
        label=_("Checked on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today if left empty."),
    )
    screenshot = forms.FileField(label=_("Screenshot"))
