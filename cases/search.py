"""Arabic-aware text normalisation and light stemming for the case search (PRODUCT.md section 4).

The same functions prepare the stored search columns and the words a user
types. A stored column holds every word in its exact normalised form, then the
word's stems, each marked with ``=`` (`` =مدون``), so that:

- a query word matches the start of an exact word (``فيسبو`` finds فيسبوك);
- or one of the query word's stems equals one of the stored stems or an exact
  word (الاعتقالات finds اعتقال, للمدونين finds مدون, arrests finds arrested);
- a case that matches every word exactly ranks before one found through stems.

On SQLite a substring test (``LIKE '% word%'``, the stored words each follow a
space); on PostgreSQL the same answer from a GIN index of every stored word's
prefixes (migration 0006), whose cost follows the number of matching cases
rather than how common the word's letters are.

Insensitive to: diacritics (tashkeel, superscript alef, Quranic marks) and
tatweel; the forms of alef (أ إ آ ٱ → ا); alef maqsura (ى → ي); ta marbuta
(ة → ه); Latin case and accents; Arabic-Indic digits.

Arabic stems (a light stemmer in the manner of Larkey's Light10, written here):
the article and its combinations (ال، وال، بال، كال، فال، لل، ولل…) and the
one-letter proclitics (و، ف، ب، ك، ل), the sound-plural, feminine and pronoun
suffixes (ات، ون، ين، ان، ه، يه، ها، هم، هن، هما), and a table of broken
plurals. The packaged Arabic stemmers strip without a lexicon and turn بيروت
into يرو or يروت, وزارة into زار, باب into اب: here a stripped form must stay
long enough to be a word: three letters, four when a one-letter proclitic and
a suffix were both removed or two proclitics were stacked, so that وزارة gives
وزاره, زاره and وزار but never زار. The exact form is always kept. English
words are stemmed by Snowball's Porter2 stemmer (arrested, arrests → arrest).
"""

import hashlib
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.db import connections, models
from django.db.models import Case, IntegerField, Lookup, Q, QuerySet, Value, When

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
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_WORD = re.compile("[a-z]+")

STEM = "="  # marks a stem in a search column; never part of a word (\w)

# The article with what may come before it: stripping it costs nothing.
_ARTICLES = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
# One-letter proclitics, alone or two together: each letter counts against the stem.
_PROCLITICS = ("وب", "فب", "وك", "فك", "ول", "فل", "و", "ف", "ب", "ك", "ل")
# Normalised (ة → ه, ى → ي), longest first.
_SUFFIXES = ("هما", "يون", "يين", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "ه")
MIN_STEM = 3
# Broken plurals met in the record: plural → singular. A light stemmer
# cannot reach them by stripping letters.
_BROKEN_PLURALS = {
    "نشطاء": "ناشط",
    "سجون": "سجن",
    "صحف": "صحيفه",
    "مواقع": "موقع",
    "قوانين": "قانون",
    "اجهزه": "جهاز",
    "محاكم": "محكمه",
    "تهم": "تهمه",
    "حقوق": "حق",
    "اعضاء": "عضو",
    "رسائل": "رسالة",
    "تقارير": "تقرير",
    "محامين": "محامي",
    "اخبار": "خبر",
    "احكام": "حكم",
    "قضايا": "قضيه",
    "ضحايا": "ضحيه",
    "شهود": "شاهد",
    "اسماء": "اسم",
    "دول": "دوله",
    "هواتف": "هاتف",
}
_ENGLISH = snowballstemmer.stemmer("english")


def _strip_marks(text: str) -> str:
    """Without diacritics of any script: Arabic tashkeel and Latin accents alike, and tatweel."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char) and char != "\u0640")


def _arabic_stems(word: str) -> set[str]:
    # (what remains, how many proclitic letters were taken off it)
    bases = [(word, 0)]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= MIN_STEM:
            bases.append((word[len(article) :], 0))
            break
    for proclitic in _PROCLITICS:
        if word.startswith(proclitic) and len(word) - len(proclitic) >= MIN_STEM + len(proclitic) - 1:
            bases.append((word[len(proclitic) :], len(proclitic)))
            break
    stems = set()
    for base, cost in bases:
        stems.add(base)
        if base in BROKEN_PLURALS:
            stems.add(BROKEN_PLURALS[base])
        # Every suffix that fits, not only the longest: صحفيين is صحفي + ين as well as صحف + يين.
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM + (1 if cost else 0):
                stems.add(base[: -len(suffix)])
    stems.discard(word)
    return stems


# A language's common words fill it; a long import's one-off words (numbers, names, addresses)
# pass through it. Sized so that the process's memory stays flat through such an import.
@lru_cache(maxsize=8192)
def stems(word: str) -> frozenset[str]:
    """The other forms under which ``word`` (already normalised) is indexed and searched."""
    if _ARABIC_LETTER.match(word):
        return frozenset(_arabic_stems(word))
    if _LATIN_WORD.fullmatch(word) and len(word) > MIN_STEM:
        stem = _ENGLISH.stemWord(word)
        return frozenset({stem} - {word}) if len(stem) >= MIN_STEM else frozenset()
    return frozenset()


def normalise_words(text: str) -> list[str]:
    """The words of ``text`` in their searchable (exact) form."""
    if not text:
        return []
    # Letters first (أ would otherwise decompose into ا and a separate hamza), then marks.
    text = unicodedata.normalize("NFKC", text).translate(_LETTERS)
    text = _ARABIC_MARKS.sub("", _strip_marks(text)).casefold().translate(_LETTERS)
    return _WORD.findall(text)


# Written as a reader spells them; looked up in their normalised form.
BROKEN_PLURALS = {
    normalise_words(plural)[0]: normalise_words(singular)[0] for plural, singular in _BROKEN_PLURALS.items()
}


def normalise(text: str) -> str:
    """``text`` as stored in a search column: its normalised words, then their stems marked with
    ``=``, each surrounded by spaces."""
    words = normalise_words(text)
    if not words:
        return ""
    exact = list(dict.fromkeys(words))
    present = set(exact)
    derived = sorted({stem for word in exact for stem in stems(word)} - present)
    return f" {' '.join(exact + [STEM + stem for stem in derived])} "


def title_key(text: str, country: str, start) -> str:
    """What an import compares a case by when it looks for duplicates: a title (or translation)
    with the case's country and start date. Equal for two cases exactly when those are equal and
    the titles' searchable words are the same, in the same order, each counted once (as
    ``normalise`` stores them; the stems follow from the words). "" without a word, a country
    or a start date: such a case is never taken for another.

    One value, so that the check is one exact lookup in one index: with the country and date in
    columns of their own, PostgreSQL may read every case of a date known only to its year
    instead. A digest, so that the column has one width whatever the title (NFKC makes some
    letters several letters long, and an index entry has a size limit).
    """
    words = dict.fromkeys(normalise_words(text))
    if not words or not country or not start:
        return ""
    return hashlib.sha256(f"{country}|{start.isoformat()}|{' '.join(words)}".encode()).hexdigest()


def query_words(query: str, *, limit: int = 8) -> list[str]:
    """The distinct normalised words of a query, at most ``limit``, longest first (the most selective)."""
    unique = list(dict.fromkeys(normalise_words(query)))
    return sorted(unique, key=len, reverse=True)[:limit]


# The word prefixes PostgreSQL indexes (the SQL of migrations 0006 and 0010 repeats these
# lengths and marks), the mark that sets the prefixes of personal data apart from the rest, and
# the mark of a whole word (``arrest|`` is the word arrest, ``arrest`` any word that starts so).
PREFIX_MIN, PREFIX_MAX = 2, 24
PERSONAL = "~"
WHOLE = "|"


def word_prefixes(general: str, personal: str) -> list[str]:
    """Every prefix (PREFIX_MIN to PREFIX_MAX letters) of every word of both search columns, and
    every word whole; those of the personal column marked, so that one index serves both kinds
    of reader."""
    found = set()
    for mark, text in (("", general), (PERSONAL, personal)):
        for word in text.split():
            found.update(mark + word[:length] for length in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1))
            found.add(mark + word + WHOLE)
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
        # As PostgreSQL writes an array, each element quoted: one string for the driver to pass on,
        # where a list would have each of its hundreds of elements adapted one by one (the column's
        # type makes it an array again).
        return "{" + ",".join('"' + entry.replace("\\", "\\\\").replace('"', '\\"') + '"' for entry in value) + "}"


@WordPrefixesField.register_lookup
class Overlaps(Lookup):
    """``prefixes && ARRAY[...]``: holds at least one of the given prefixes."""

    lookup_name = "overlaps"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} && {rhs}::text[]", [*lhs_params, *rhs_params]


def _in_text(needle: str, *, personal: bool) -> Q:
    condition = Q(search_text__contains=needle)
    if personal:
        condition |= Q(people_search_text__contains=needle)
    return condition


def _marked(entries: list[str], *, personal: bool) -> list[str]:
    return entries + [PERSONAL + entry for entry in entries] if personal else entries


def _exact_entries(word: str) -> list[str] | None:
    """The index entries that find ``word`` at the start of a stored word, or None when the index
    alone cannot tell (a word longer than the longest prefix indexed)."""
    return [word] if PREFIX_MIN <= len(word) <= PREFIX_MAX else None


def _stem_terms(word: str) -> list[str]:
    """Whole stored words that match ``word`` through stems: one of its stems (or itself) as a
    stored stem, or one of its stems as an exact word."""
    forms = stems(word)
    return [STEM + form for form in sorted(forms | {word})] + sorted(forms)


def word_condition(word: str, *, personal: bool, indexed: bool) -> Q:
    """``word`` at the start of an exact word of a search column, or through a stem.

    On PostgreSQL one overlap with the prefix index, which answers it without reading the row's
    text (a common word matches tens of thousands of cases, and reading each one's long columns
    would cost more than the index); on other databases a test of the text."""
    if len(word) < PREFIX_MIN:
        return _in_text(f" {word}", personal=personal)  # a letter alone: not indexed, and no stems
    terms = _stem_terms(word)
    if indexed:
        whole = [term + WHOLE for term in terms]
        exact = _exact_entries(word)
        if exact is not None:
            return Q(search_prefixes__overlaps=_marked(exact + whole, personal=personal))
        # Rare: a word longer than the prefixes indexed. The index narrows, the text decides.
        long_exact = Q(search_prefixes__overlaps=_marked([word[:PREFIX_MAX]], personal=personal)) & _in_text(
            f" {word}", personal=personal
        )
        return long_exact | Q(search_prefixes__overlaps=_marked(whole, personal=personal))
    condition = _in_text(f" {word}", personal=personal)
    for term in terms:
        condition |= _in_text(f" {term} ", personal=personal)
    return condition


def _exact_condition(word: str, *, personal: bool, indexed: bool) -> Q:
    exact = _exact_entries(word) if indexed else None
    if exact is not None:
        return Q(search_prefixes__overlaps=_marked(exact, personal=personal))
    return _in_text(f" {word}", personal=personal)


def search_exact(queryset: QuerySet, words: list[str], *, personal: bool) -> QuerySet:
    """The cases ``search`` ranks first (every word at the start of an exact word), ranked 0:
    a page of them alone can be looked for among the newest cases only (``cases.pagination``)."""
    indexed = connections[queryset.db].vendor == "postgresql"
    for word in words:
        queryset = queryset.filter(_exact_condition(word, personal=personal, indexed=indexed))
    return queryset.annotate(search_rank=Value(0, output_field=IntegerField()))


def search(queryset: QuerySet, words: list[str], *, personal: bool) -> QuerySet:
    """Cases whose search columns hold every word, at the start of an exact word or as a stem;
    names and handles (``people_search_text``) only for ``personal`` readers.

    Annotated with ``search_rank``: 0 when every word matched an exact word, 1 when one was
    found only through stems (order by it to put exact matches first)."""
    indexed = connections[queryset.db].vendor == "postgresql"
    all_exact = Q()
    for word in words:
        queryset = queryset.filter(word_condition(word, personal=personal, indexed=indexed))
        all_exact &= _exact_condition(word, personal=personal, indexed=indexed)
    if indexed:
        # The exact matches as a set read from the index once (PostgreSQL hashes it), rather than
        # a test of every matching row's long columns.
        model = queryset.model
        all_exact = Q(pk__in=model._base_manager.using(queryset.db).filter(all_exact).values("pk"))
    return queryset.annotate(
        search_rank=Case(When(all_exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
