"""Reading one cell as the value a field holds: dates with their precision, countries, choices, taxonomies.

Each reader returns the value or raises ``CellProblem`` with a message for the
user. Taxonomy values are compared after the search's Arabic normalisation,
with the labels in both languages, the code, a few common names (``FB``,
``فيسبوك``) and the value mappings the user saved.
"""

import calendar
import re
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries

from cases.choices import DatePrecision
from cases.search import normalise_words


class CellProblem(Exception):
    """A cell that cannot become its field's value; the message is for the user."""

    def __init__(self, message, *, warning: bool = False):
        super().__init__(message)
        self.warning = warning


def value_key(text: str) -> str:
    return " ".join(normalise_words(text))


# Names people write for taxonomy entries besides their labels: value key → code.
ALIASES = {
    "platform": {
        "fb": "facebook",
        "face book": "facebook",
        "meta": "facebook",
        "فيس بوك": "facebook",
        "فيسبوك": "facebook",
        "فيس": "facebook",
        "ig": "instagram",
        "insta": "instagram",
        "انستغرام": "instagram",
        "انستجرام": "instagram",
        "واتساب": "whatsapp",
        "واتس اب": "whatsapp",
        "twitter": "x",
        "تويتر": "x",
        "اكس": "x",
        "yt": "youtube",
        "يوتيوب": "youtube",
        "تيك توك": "tiktok",
        "تيليجرام": "telegram",
        "تلغرام": "telegram",
        "تلجرام": "telegram",
        "سناب شات": "snapchat",
        "لينكد ان": "linkedin",
        "سيغنال": "signal",
        "blog": "website",
        "مدونه": "website",
        "موقع": "website",
    },
    "violationtype": {
        "takedown": "content_removal",
        "removal": "content_removal",
        "removed": "content_removal",
        "deleted post": "content_removal",
        "suspension": "account_suspension",
        "suspended": "account_suspension",
        "arrested": "arrest",
        "detention": "arrest",
        "اعتقال": "arrest",
        "احتجاز": "arrest",
        "استدعاء": "summons",
        "حظر": "blocking",
        "قطع الانترنت": "shutdown",
        "اختراق": "account_hacking",
        "shadow ban": "visibility_restriction",
        "shadowban": "visibility_restriction",
    },
}

# --- Dates ------------------------------------------------------------------------

_APPROXIMATE = re.compile(r"^\s*(?:c\.|ca\.|circa|about|around|approx\.?|approximately|~|حوالي|نحو|تقريبا)\s*", re.I)
_MONTHS = {
    **{value_key(name): number for number, name in enumerate(calendar.month_name) if name},
    **{value_key(name): number for number, name in enumerate(calendar.month_abbr) if name},
    **{
        value_key(name): number
        for number, names in enumerate(
            (
                (),
                ("يناير", "كانون الثاني", "جانفي"),
                ("فبراير", "شباط", "فيفري"),
                ("مارس", "آذار"),
                ("أبريل", "نيسان", "ابريل", "أفريل"),
                ("مايو", "أيار", "ماي"),
                ("يونيو", "حزيران", "جوان"),
                ("يوليو", "تموز", "جويلية"),
                ("أغسطس", "آب", "أوت"),
                ("سبتمبر", "أيلول"),
                ("أكتوبر", "تشرين الأول"),
                ("نوفمبر", "تشرين الثاني"),
                ("ديسمبر", "كانون الأول"),
            )
        )
        for name in names
    },
}
_DIGITS = str.maketrans({chr(0x0660 + digit): str(digit) for digit in range(10)} | {"/": "-", ".": "-", "\u066b": "-"})


def read_date(text: str) -> tuple[date, str]:
    """A date and its precision from what people write: 2024-03-05, 05/03/2024 (day first),
    2024-03, 03/2024, March 2024, مارس 2024, 2024, "c. 2024" (approximate)."""
    raw = text.strip()
    approximate = bool(_APPROXIMATE.match(raw))
    cleaned = _APPROXIMATE.sub("", raw).translate(_DIGITS).strip()
    cleaned = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2})?.*$", "", cleaned)  # a time of day is dropped
    impossible = CellProblem(_("“%(value)s” is not a date that exists.") % {"value": raw})
    unreadable = CellProblem(
        _("“%(value)s” is not a date this import can read (write 2024-03-05, 2024-03 or 2024).") % {"value": raw}
    )
    year = month = day = None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})", cleaned):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := re.fullmatch(r"(\d{1,2})-(\d{4})", cleaned):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := re.fullmatch(r"(\d{4})", cleaned):
        year = int(match.group(1))
    else:
        words = cleaned.replace("-", " ").replace(",", " ").split()
        numbers = [word for word in words if word.isdigit()]
        names = " ".join(word for word in words if not word.isdigit())
        if not names or value_key(names) not in _MONTHS or not numbers or len(numbers[-1]) != 4:
            raise unreadable
        year, month = int(numbers[-1]), _MONTHS[value_key(names)]
        if len(numbers) == 2:
            day = int(numbers[0])
    if month is None:
        precision = DatePrecision.YEAR
        month = day = 1
    elif day is None:
        precision = DatePrecision.MONTH
        day = 1
    else:
        precision = DatePrecision.DAY
    try:
        value = date(year, month, day)
    except ValueError:
        raise impossible from None
    return value, DatePrecision.APPROXIMATE if approximate else precision


def read_precision(text: str) -> str:
    key = value_key(text)
    for precision in DatePrecision:
        for language in ("en", "ar"):
            with override(language):
                if key in (value_key(precision.value), value_key(str(precision.label))):
                    return precision.value
    raise CellProblem(_("“%(value)s” is not a date precision.") % {"value": text})


# --- Countries and choices ----------------------------------------------------------

_COUNTRIES: dict[str, str] = {}
_COUNTRY_ALIASES = {
    "uae": "AE",
    "ksa": "SA",
    "uk": "GB",
    "usa": "US",
    "palestine": "PS",
    "فلسطين": "PS",
    "الامارات": "AE",
    "السعوديه": "SA",
    "سوريا": "SY",
}


def read_country(text: str) -> str:
    """An ISO code from a code or a country's name in English or Arabic."""
    if not _COUNTRIES:
        for language in ("en", "ar"):
            with override(language):
                for code, name in countries:
                    _COUNTRIES.setdefault(value_key(str(name)), code)
        for code, _name in countries:
            _COUNTRIES.setdefault(value_key(code), code)
        _COUNTRIES.update({value_key(alias): code for alias, code in _COUNTRY_ALIASES.items()})
    code = _COUNTRIES.get(value_key(text))
    if code is None:
        raise CellProblem(_("“%(value)s” is not a country this import knows.") % {"value": text})
    return code


def read_choice(text: str, choice_set) -> str:
    """A fixed choice from its code or its label in either language."""
    key = value_key(text)
    for choice in choice_set:
        if key == value_key(choice.value):
            return choice.value
        for language in ("en", "ar"):
            with override(language):
                if key == value_key(str(choice.label)):
                    return choice.value
    raise CellProblem(
        _("“%(value)s” is not one of: %(choices)s.")
        % {"value": text, "choices": ", ".join(str(choice.label) for choice in choice_set)}
    )


class TaxonomyIndex:
    """Every way of writing the entries of one taxonomy, for one import: value key → entry."""

    def __init__(self, model, saved: dict[str, str] | None = None):
        self.model = model
        entries = {entry.code: entry for entry in model.objects.all()}
        self.by_key: dict[str, object] = {}
        for alias, code in ALIASES.get(model._meta.model_name, {}).items():
            if code in entries:
                self.by_key[value_key(alias)] = entries[code]
        for entry in entries.values():
            for text in (entry.code.replace("_", " "), entry.label_en, entry.label_ar):
                self.by_key[value_key(text)] = entry
        for raw, code in (saved or {}).items():
            if code in entries:
                self.by_key[value_key(raw)] = entries[code]

    def find(self, text: str):
        entry = self.by_key.get(value_key(text))
        if entry is None:
            raise CellProblem(
                _("“%(value)s” is not an entry of %(vocabulary)s; map it to one, or an administrator may add it.")
                % {"value": text, "vocabulary": self.model._meta.verbose_name_plural}
            )
        return entry
