"""Arabic-aware text normalisation for the case search (PRODUCT.md section 4).

The same function prepares the stored search columns and the words a user
types. A query word matches the start of a stored word: on SQLite a
substring test (``LIKE '% word%'``, the stored words each follow a space);
on PostgreSQL the same answer from a GIN index of every stored word's
prefixes (migration 0006), whose cost follows the number of matching cases
rather than how common the word's letters are.

Insensitive to: diacritics (tashkeel, superscript alef, Quranic marks) and
tatweel; the forms of alef (أ إ آ ٱ → ا); alef maqsura (ى → ي); ta marbuta
(ة → ه); the prefixes ال، و، ب (and their combinations وال، بال، وب) at the
start of a word; Latin case and accents; Arabic-Indic digits.
"""

import re
import unicodedata

from django.db import connections, models
from django.db.models import Lookup, Q, QuerySet

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # ٠١٢… → 0 1 2…
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # ۰۱۲… (Persian forms)
    }
)
# Longest first; the stem that remains must keep at least two letters.
_PREFIXES = ("وبال", "وال", "بال", "ال", "وب", "و", "ب")
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _strip_marks(text: str) -> str:
    """Without diacritics of any script: Arabic tashkeel and Latin accents alike, and tatweel."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char) and char != "\u0640")


def _strip_prefix(word: str) -> str:
    if not _ARABIC_LETTER.match(word):
        return word
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def normalise_words(text: str) -> list[str]:
    """The words of ``text`` in their searchable form."""
    if not text:
        return []
    # Letters first (أ would otherwise decompose into ا and a separate hamza), then marks.
    text = unicodedata.normalize("NFKC", text).translate(_LETTERS)
    text = _ARABIC_MARKS.sub("", _strip_marks(text)).casefold().translate(_LETTERS)
    return [_strip_prefix(word) for word in _WORD.findall(text)]


def normalise(text: str) -> str:
    """``text`` as stored in a search column: normalised words, each surrounded by spaces."""
    words = normalise_words(text)
    return f" {' '.join(words)} " if words else ""


def query_words(query: str, *, limit: int = 8) -> list[str]:
    """The distinct normalised words of a query, at most ``limit``, longest first (the most selective)."""
    unique = list(dict.fromkeys(normalise_words(query)))
    return sorted(unique, key=len, reverse=True)[:limit]


# The word prefixes PostgreSQL indexes (the SQL of migration 0006 repeats these lengths), and
# the mark that sets the prefixes of personal data apart from the rest.
PREFIX_MIN, PREFIX_MAX = 2, 24
PERSONAL = "~"


def word_prefixes(general: str, personal: str) -> list[str]:
    """Every prefix (PREFIX_MIN to PREFIX_MAX letters) of every word of both search columns;
    those of the personal column marked, so that one index serves both kinds of reader."""
    found = set()
    for mark, text in (("", general), (PERSONAL, personal)):
        for word in text.split():
            found.update(mark + word[:length] for length in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1))
    return sorted(found)


class WordPrefixesField(models.Field):
    """``text[]`` on PostgreSQL, under a GIN index; empty on other databases, which search the text.

    Derived on every write that includes it (``save()``, ``bulk_create``) from the two search
    columns of the same row, like ``auto_now``: it cannot fall behind them.
    """

    def __init__(self, *args, general: str = "search_text", personal: str = "people_search_text", **kwargs):
        self.general, self.personal = general, personal
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = word_prefixes(getattr(model_instance, self.general), getattr(model_instance, self.personal))
        setattr(model_instance, self.attname, value)
        return value

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql" or value is None:
            return None
        return list(value)


@WordPrefixesField.register_lookup
class Overlaps(Lookup):
    """``prefixes && ARRAY[...]``: holds at least one of the given prefixes."""

    lookup_name = "overlaps"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} && {rhs}::text[]", [*lhs_params, *rhs_params]


def search(queryset: QuerySet, words: list[str], *, personal: bool) -> QuerySet:
    """Cases whose search columns hold every word at the start of one of their words;
    names and handles (``people_search_text``) only for ``personal`` readers."""
    indexed = connections[queryset.db].vendor == "postgresql"
    for word in words:
        in_text = Q(search_text__contains=f" {word}")
        if personal:
            in_text |= Q(people_search_text__contains=f" {word}")
        if not indexed or len(word) < PREFIX_MIN:
            queryset = queryset.filter(in_text)
            continue
        prefix = word[:PREFIX_MAX]
        condition = Q(search_prefixes__overlaps=[prefix, PERSONAL + prefix] if personal else [prefix])
        # A word longer than the longest prefix indexed: the index narrows, the text decides.
        queryset = queryset.filter(condition & in_text if len(word) > PREFIX_MAX else condition)
    return queryset
