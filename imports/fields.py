"""What a column can become: the fields of a case, of its acts and of its persons.

Each field says how a cell is read (text, a date with its precision, a
country, a fixed choice, a taxonomy entry) and the header words, in English
and Arabic, that suggest it. Header words are compared after the search's
Arabic normalisation, so "تاريخ الاعتقال", "تاريخ اعتقال" and "التاريخ" all
count.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases import choices
from cases.models import ContentItem, Outcome, Platform, Profession, ViolationType
from cases.search import normalise_words

TEXT, DATE, PRECISION, COUNTRY, CHOICE, TAXONOMY, LIST, KEY = (
    "text",
    "date",
    "precision",
    "country",
    "choice",
    "taxonomy",
    "list",
    "key",
)
CASE, ACT, PERSON, CONTENT = "case", "act", "person", "content"


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    part: str  # case, act, person or content
    kind: str
    synonyms: tuple[str, ...] = ()
    choices: type | None = None  # a TextChoices for CHOICE fields
    model: type | None = None  # a Taxonomy model for TAXONOMY fields
    required: bool = False


FIELDS: list[Field] = [
    Field(
        "reference",
        _("Casebook reference"),
        CASE,
        KEY,
        ("reference", "ref", "casebook reference", "مرجع", "رقم القضيه"),
    ),
    Field(
        "external_id",
        _("External id (the sheet's own row id)"),
        CASE,
        KEY,
        ("id", "external id", "row id", "record id", "case id", "no", "number", "المعرف", "رقم", "الرقم", "رقم السجل"),
    ),
    Field(
        "title",
        _("Title"),
        CASE,
        TEXT,
        ("title", "case", "subject", "summary", "العنوان", "الموضوع", "القضيه"),
        required=True,
    ),
    Field(
        "title_translation",
        _("Title, translated"),
        CASE,
        TEXT,
        ("title translated", "title translation", "ترجمه العنوان", "العنوان مترجم"),
    ),
    Field(
        "narrative",
        _("Narrative"),
        CASE,
        TEXT,
        ("narrative", "details", "description of case", "story", "السرد", "التفاصيل", "الوصف"),
    ),
    Field("narrative_translation", _("Narrative, translated"), CASE, TEXT, ("narrative translated", "ترجمه السرد")),
    Field("language", _("Original language"), CASE, CHOICE, ("language", "lang", "اللغه"), choices=choices.Language),
    Field(
        "start_date",
        _("Start date"),
        CASE,
        DATE,
        (
            "start date",
            "date",
            "date of arrest",
            "arrest date",
            "removal date",
            "incident date",
            "التاريخ",
            "تاريخ",
            "تاريخ الاعتقال",
            "تاريخ الحذف",
            "تاريخ البدايه",
        ),
    ),
    Field(
        "start_date_precision",
        _("Start date precision"),
        CASE,
        PRECISION,
        ("start date precision", "date precision", "precision", "دقه التاريخ"),
    ),
    Field("end_date", _("End date"), CASE, DATE, ("end date", "release date", "تاريخ الانتهاء", "تاريخ الافراج")),
    Field("country", _("Country"), CASE, COUNTRY, ("country", "البلد", "الدوله"), required=True),
    Field("place", _("Place"), CASE, TEXT, ("place", "city", "location", "المكان", "المدينه")),
    Field("status", _("Status"), CASE, CHOICE, ("status", "الحاله"), choices=choices.Status),
    Field(
        "verification_level",
        _("Verification level"),
        CASE,
        CHOICE,
        ("verification", "verification level", "التحقق", "مستوى التحقق"),
        choices=choices.VerificationLevel,
    ),
    Field(
        "sensitivity",
        _("Sensitivity"),
        CASE,
        CHOICE,
        ("sensitivity", "الحساسيه", "السريه"),
        choices=choices.Sensitivity,
    ),
    Field("tags", _("Tags"), CASE, LIST, ("tags", "tag", "labels", "campaign", "الوسوم", "الحمله")),
    Field(
        "violation_type",
        _("Violation type"),
        ACT,
        TAXONOMY,
        ("violation", "violation type", "violation types", "type", "act", "الانتهاك", "نوع الانتهاك"),
        model=ViolationType,
    ),
    Field(
        "platform",
        _("Platform"),
        ACT,
        TAXONOMY,
        ("platform", "platforms", "channel", "network", "المنصه", "المنصات"),
        model=Platform,
    ),
    Field("violation_date", _("Date of the act"), ACT, DATE, ("violation date", "date of act", "تاريخ الانتهاك")),
    Field(
        "content_concerned",
        _("Content concerned (URLs, post ids)"),
        ACT,
        TEXT,
        ("url", "link", "post", "post url", "content", "handle", "account", "الرابط", "المنشور", "الحساب"),
    ),
    Field("violation_description", _("What happened"), ACT, TEXT, ("what happened", "ما حدث")),
    Field(
        "legal_basis",
        _("Legal basis invoked"),
        ACT,
        TEXT,
        ("legal basis", "law", "charge", "charges", "الاساس القانوني", "القانون", "التهمه"),
    ),
    Field("stated_reason", _("Stated reason"), ACT, TEXT, ("reason", "stated reason", "policy", "السبب")),
    Field("outcome", _("Outcome"), ACT, TAXONOMY, ("outcome", "result", "النتيجه", "المال"), model=Outcome),
    Field(
        "person_name",
        _("Person's name"),
        PERSON,
        TEXT,
        ("name", "person", "persons", "victim", "full name", "الاسم", "اسم", "الضحيه", "الشخص"),
    ),
    Field(
        "person_name_latin",
        _("Person's name in the other script"),
        PERSON,
        TEXT,
        ("name latin", "name in latin", "latin name", "الاسم باللاتينيه"),
    ),
    Field(
        "person_other_names",
        _("Person's other spellings"),
        PERSON,
        TEXT,
        ("aliases", "other names", "alias", "الاسماء الاخرى", "اسم الشهره"),
    ),
    Field("person_pseudonym", _("Person's pseudonym"), PERSON, TEXT, ("pseudonym", "الاسم المستعار")),
    Field("person_role", _("Person's role"), PERSON, CHOICE, ("role", "الدور"), choices=choices.PersonRole),
    Field(
        "person_gender",
        _("Person's gender"),
        PERSON,
        CHOICE,
        ("gender", "sex", "الجنس", "النوع الاجتماعي"),
        choices=choices.Gender,
    ),
    Field(
        "person_profession",
        _("Person's profession"),
        PERSON,
        TAXONOMY,
        ("profession", "occupation", "المهنه"),
        model=Profession,
    ),
    *[
        Field(
            f"consent_{kind}_{part}",
            label,
            PERSON,
            kind_of_part,
            synonyms,
            choices=choice_set,
        )
        for kind, words in (
            ("state", ("consent state", "consent to state", "موافقه الدوله")),
            ("public", ("consent public", "public consent", "موافقه النشر")),
            ("platform", ("consent platform", "platform consent", "موافقه المنصه")),
        )
        for part, kind_of_part, label, synonyms, choice_set in (
            ("status", CHOICE, choices.ConsentKind(kind).label, words, choices.ConsentStatus),
            (
                "date",
                DATE,
                format_lazy("{}: {}", choices.ConsentKind(kind).label, _("date")),
                tuple(f"{word} date" for word in words[:2]),
                None,
            ),
            (
                "method",
                CHOICE,
                format_lazy("{}: {}", choices.ConsentKind(kind).label, _("manner")),
                tuple(f"{word} method" for word in words[:2]),
                choices.ConsentMethod,
            ),
        )
    ],
]

# A takedown log: one row per content item, on the platform of the row's "Platform" column.
# The item's own fields keep the names its page gives them.
FIELDS += [
    Field(
        "content_url",
        _("Content item: URL"),
        CONTENT,
        TEXT,
        ("content url", "item url", "url of the content", "رابط المحتوى", "رابط العنصر"),
    ),
    *[
        Field(key, ContentItem._meta.get_field(name).verbose_name, CONTENT, kind, synonyms, choices=choice_set)
        for key, name, kind, choice_set, synonyms in (
            (
                "content_kind",
                "kind",
                CHOICE,
                choices.ContentKind,
                ("kind", "content kind", "content type", "kind of content", "نوع المحتوى", "النوع"),
            ),
            (
                "content_id",
                "content_id",
                TEXT,
                None,
                ("content id", "post id", "item id", "platform id", "معرف المحتوى", "معرف المنشور", "رقم المنشور"),
            ),
            (
                "author_handle",
                "author_handle",
                TEXT,
                None,
                ("author", "author handle", "handle", "username", "account handle", "الناشر", "اسم المستخدم"),
            ),
            (
                "content_published_on",
                "published_on",
                DATE,
                None,
                ("published", "published on", "date published", "publication date", "تاريخ النشر"),
            ),
            (
                "content_removed_on",
                "removed_on",
                DATE,
                None,
                ("removed", "removed on", "date removed", "تاريخ الازاله"),
            ),
            ("content_reason", "stated_reason", TEXT, None, ("platform reason", "platform's reason", "سبب المنصه")),
            ("content_policy", "policy", TEXT, None, ("policy cited", "platform policy", "سياسه المنصه")),
            (
                "content_statement_of_reasons_id",
                "statement_of_reasons_id",
                TEXT,
                None,
                ("statement of reasons", "statement of reasons id", "sor id", "sor", "بيان الاسباب"),
            ),
        )
    ],
    *[
        Field(key, label, CONTENT, kind, synonyms, choices=choice_set)
        for key, label, kind, choice_set, synonyms in (
            (
                "content_status",
                _("Content item: status"),
                CHOICE,
                choices.ContentStatus,
                ("content status", "item status", "status of the content", "حاله المحتوى"),
            ),
            (
                "content_status_on",
                _("Content item: status since"),
                DATE,
                None,
                ("status date", "status on", "status since", "تاريخ الحاله"),
            ),
            (
                "content_status_source",
                _("Content item: status according to"),
                CHOICE,
                choices.StatusSource,
                ("according to", "status source", "source of status", "from", "بحسب", "مصدر الحاله"),
            ),
        )
    ],
]
BY_KEY = {field.key: field for field in FIELDS}
REQUIRED = [field.key for field in FIELDS if field.required]
# Persons' columns that make a person of a row (a consent alone does not).
PERSON_KEYS = ("person_name", "person_name_latin", "person_pseudonym")
# The case-level choices the import asks for when the sheet has no column for them.
DEFAULTED = ("sensitivity", "verification_level")
# What new cases may take from the import's options when the sheet has no column for it (a takedown log
# lists posts, not countries); unlike the choices above, not asked for when the sheet has one.
OPTIONAL_DEFAULTS = ("country",)


def header_key(text: str) -> str:
    return " ".join(normalise_words(text.replace("_", " ")))


# The headers of the case list's CSV (cases.export), in either language, name these fields.
EXPORT_HEADERS = {
    "Reference": "reference",
    "Title": "title",
    "Title, translated": "title_translation",
    "Language": "language",
    "Country": "country",
    "Start date": "start_date",
    "Start date precision": "start_date_precision",
    "Status": "status",
    "Sensitivity": "sensitivity",
    "Violation types": "violation_type",
    "Platforms": "platform",
    "Tags": "tags",
    "Persons": "person_name",
}
_SYNONYMS: dict[str, str] = {}


def _synonyms() -> dict[str, str]:
    """Header words → field, built once: each field's own words, then its label and the export's
    header in English and Arabic."""
    if not _SYNONYMS:
        from django.utils.translation import gettext, override

        found: dict[str, str] = {}
        for language in ("en", "ar"):
            with override(language):
                for header, key in EXPORT_HEADERS.items():
                    found.setdefault(header_key(gettext(header)), key)
                for field in FIELDS:
                    found.setdefault(header_key(str(field.label)), field.key)
        for field in FIELDS:
            for word in (*field.synonyms, field.key.replace("_", " ")):
                found.setdefault(header_key(word), field.key)
        _SYNONYMS.update(found)
    return _SYNONYMS


def suggest_field(header: str) -> str:
    """The field a header names, in English or Arabic, or "" when none is recognised."""
    key = header_key(header)
    return _synonyms().get(key, "") if key else ""
