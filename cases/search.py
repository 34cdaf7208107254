"""Arabic-aware text normalisation for the case search (PRODUCT.md section 4).

The same function prepares the stored search columns and the words a user
types, so a match is a plain substring test that SQLite and PostgreSQL run
alike (``LIKE '%word%'``; on PostgreSQL a trigram GIN index serves it).

Insensitive to: diacritics (tashkeel, superscript alef, Quranic marks) and
tatweel; the forms of alef (أ إ آ ٱ → ا); alef maqsura (ى → ي); ta marbuta
(ة → ه); the prefixes ال، و، ب (and their combinations وال، بال، وب) at the
start of a word; Latin case and accents; Arabic-Indic digits.
"""

import re
import unicodedata

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
