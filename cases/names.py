"""Every spelling of a person's name, and where it appears in free text.

A person withheld from an audience must not be named in any script. A name
reaches text in many shapes: as recorded (سمير الحداد), in the other script
("Samir al-Haddad", "Sameer El Hadad"), with an Arabic proclitic attached
(وسمير, للحداد), with or without the article, with apostrophes and hyphens,
the given and the family name apart. ``NameMatcher`` finds all of these from
the spellings a person has (``spellings``): the name as written, the name in
Latin script and every other spelling or alias. Each spelling is matched

- in its own script, tolerant of case, tashkeel and tatweel, the forms of
  alef, ya/alef maqsura and ta marbuta/ha, doubled letters, apostrophes and
  hyphens, and the article (al-, el-, ال);
- in the other script, through the transliteration candidates of each of its
  letters, so that a spelling never recorded is still found.

Matches are always whole words: a name of one or two letters, or a name that
is also a common word ("Amal", "Nour"), never matches inside another word.
Particles (Abu, bin, Abd…) are never matched alone.

``suggest_latin`` and ``suggest_arabic`` give the form a first spelling in the
other script that an officer only corrects.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

TASHKEEL = "\u064b-\u065f\u0670\u0640"  # diacritics, superscript alef and tatweel
_TASHKEEL_RE = re.compile(f"[{TASHKEEL}]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# Between letters of a Latin spelling: an apostrophe or ayn sign, or nothing.
_APOSTROPHE = "['’ʿʾ`´]?"
_JOIN = r"[\s\-‐‑_.'’]*"  # between the words of one name

# Words that are part of names but name no one alone.
PARTICLES = {
    "abu",
    "abou",
    "abo",
    "abd",
    "abdel",
    "abdul",
    "abdal",
    "bin",
    "ben",
    "ibn",
    "bint",
    "umm",
    "um",
    "al",
    "el",
    "ul",
    "ابو",
    "عبد",
    "بن",
    "ابن",
    "بنت",
    "ام",
    "ال",
}

# --- Arabic letters and their Latin renderings --------------------------------------
# The first rendering is the one suggested; all of them are matched.
ARABIC_TO_LATIN: dict[str, tuple[str, ...]] = {
    "ا": ("a", "aa", "e", "ā", "â"),
    "أ": ("a", "e", "i", "u", "o", "'", "2", ""),
    "إ": ("i", "e", "'", ""),
    "آ": ("aa", "a", "ā", "'a"),
    "ء": ("'", "2", ""),
    "ؤ": ("'", "u", "o", "w", ""),
    "ئ": ("'", "y", "i", "e", ""),
    "ب": ("b", "p"),
    "ت": ("t",),
    "ث": ("th", "t", "s"),
    "ج": ("j", "g", "dj", "dg"),
    "ح": ("h", "7", "ḥ"),
    "خ": ("kh", "k", "h", "x", "5", "ch"),
    "د": ("d",),
    "ذ": ("dh", "th", "z", "d", "ḏ"),
    "ر": ("r",),
    "ز": ("z", "s"),
    "س": ("s",),
    "ش": ("sh", "ch", "sch", "š"),
    "ص": ("s", "ṣ", "9"),
    "ض": ("d", "dh", "ḍ", "z"),
    "ط": ("t", "ṭ", "6"),
    "ظ": ("z", "dh", "th", "ẓ", "d"),
    "ع": ("", "'", "’", "ʿ", "`", "3", "a", "e", "i", "o", "u", "aa"),
    "غ": ("gh", "g", "r", "ġ", "8"),
    "ف": ("f", "ph", "v"),
    "ق": ("q", "k", "g", "'", "2"),
    "ك": ("k", "c", "ck", "q"),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ه": ("h", "a", "e", ""),
    "و": ("w", "u", "ou", "oo", "o", "v", "ū", "ō"),
    "ي": ("y", "i", "ee", "ie", "ey", "ei", "ai", "ay", "iy", "ī"),
    "ى": ("a", "ā", "y", "i"),
    "ة": ("a", "ah", "at", "e", "eh", "et", ""),
}
_ARABIC_LONG_VOWELS = set("اويىآ")
_SHORT_VOWEL = "(?:[aeiouāēīōū]['’ʿʾ`´]?)?"
# The article as Latin text writes it, sun letters assimilated: al-, el-, ar-, ash-, Abdu-r…
_LATIN_ARTICLE = r"(?:[aeiu](?:l|sh|[rnstdz]){1,2}[\s\-‐‑'’]?)?"

# --- Latin letters and their Arabic renderings --------------------------------------
_LATIN_TO_ARABIC: list[tuple[str, str]] = [
    # Longest first: digraphs before single letters.
    ("sch", "ش"),
    ("kh", "[خك]"),
    ("gh", "[غج]"),
    ("sh", "ش"),
    ("ch", "[شخك]"),
    ("th", "[ثذظت]"),
    ("dh", "[ذضظد]"),
    ("ph", "ف"),
    ("ck", "[كق]"),
    ("ou", "[وؤ]"),
    ("oo", "[وؤ]"),
    ("ee", "[يىئ]"),
    ("ie", "[يىئ]"),
    ("ei", "[يىئ]"),
    ("ey", "[يىئ]"),
    ("ai", "[يىئ]"),
    ("ay", "[يىئ]"),
    ("aa", "[اآأ]"),
    ("b", "ب"),
    ("p", "ب"),
    ("t", "[تط]"),
    ("j", "ج"),
    ("g", "[جغقك]"),
    ("h", "[حهخ]"),
    ("d", "[دضذ]"),
    ("r", "ر"),
    ("z", "[زظذ]"),
    ("s", "[سصث]"),
    ("f", "ف"),
    ("v", "[فو]"),
    ("q", "[قك]"),
    ("k", "[كقخ]"),
    ("c", "[كقسص]"),
    ("x", "[خكس]"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("w", "و"),
    ("y", "[يى]"),
    ("3", "ع"),
    ("7", "ح"),
    ("5", "خ"),
    ("9", "ص"),
    ("2", "[ءأإ]"),
    ("'", "[عءأ]?"),
    ("’", "[عءأ]?"),
    ("ʿ", "ع"),
    ("ʾ", "[ءأ]?"),
]
# Latin vowels: written in Arabic as a long vowel, a hamza seat, an ayn or not at all.
_LATIN_VOWEL_TO_ARABIC = {
    "a": "[اأإآىةعه]?",
    "e": "[يىاأإعةه]?",
    "i": "[يىإئع]?",
    "o": "[وؤأع]?",
    "u": "[وؤأع]?",
}
# Latin vowel groups that stand for one another when a name is written in Latin twice.
_LATIN_VOWEL_CLASS = {
    "a": "(?:a|aa|e|ā|â|á|à|ä)",
    "aa": "(?:a|aa|ā|â)",
    "e": "(?:e|a|i|é|è|ê|ë)",
    "i": "(?:i|ee|ie|y|e|ī|í|ï)",
    "ee": "(?:ee|i|ie|ī)",
    "o": "(?:o|u|ou|oo|ō|ó|ö)",
    "u": "(?:u|ou|oo|o|ū|ú|ü)",
    "ou": "(?:ou|u|oo|o|ū)",
    "oo": "(?:oo|u|ou|o|ū)",
    "ai": "(?:ai|ay|ei|ey|ie|ī)",
    "ay": "(?:ay|ai|ei|ey)",
    "ei": "(?:ei|ey|ai|ay)",
    "ey": "(?:ey|ei|ay|ai)",
    "ie": "(?:ie|i|ee|y)",
}
_LATIN_CONSONANT_CLASS = {
    "k": "(?:k|c|ck|q)",
    "c": "(?:c|k|ck|q)",
    "q": "(?:q|k)",
    "ck": "(?:ck|k|c)",
    "j": "(?:j|g|dj)",
    "g": "(?:g|j|gh)",
    "dj": "(?:dj|j)",
    "dh": "(?:dh|th|z|d)",
    "th": "(?:th|dh|t)",
    "kh": "(?:kh|h|ch|x)",
    "ch": "(?:ch|sh|kh)",
    "sh": "(?:sh|ch|sch)",
    "gh": "(?:gh|g)",
    "ph": "(?:ph|f)",
    "f": "(?:f|ph)",
    "y": "(?:y|i|ee)",
    "w": "(?:w|ou|u|oo)",
}
_LATIN_TOKEN = re.compile(r"sch|[bcdfgjklmnpqrstvwxz]h|ck|dj|[aeiouy]+|.", re.IGNORECASE)
_ACCENTED = {
    "a": "aàáâäāã",
    "e": "eèéêëē",
    "i": "iìíîïī",
    "o": "oòóôöō",
    "u": "uùúûüū",
    "c": "cç",
    "n": "nñ",
    "s": "sšṣ",
    "h": "hḥ",
    "t": "tṭ",
    "d": "dḍḏ",
    "z": "zẓ",
}
_ARABIC_VARIANTS = {
    "ا": "اأإآٱ",
    "أ": "اأإآٱ",
    "إ": "اأإآٱ",
    "آ": "اأإآٱ",
    "ي": "يىئ",
    "ى": "يى",
    "ة": "ةه",
    "ه": "ةه",
    "ك": "كک",
}
# Clitics an Arabic word may carry before a name: و ف ب ك ل, then ال or لل.
_ARABIC_PROCLITIC = "(?:[وف]?[بكل]?(?:ال|لل)?)?"


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def fold(text: str) -> str:
    """Text as names are compared: compatibility forms resolved (PDF presentation forms),
    tashkeel and tatweel removed, soft hyphens and zero-width marks dropped."""
    text = unicodedata.normalize("NFKC", text)
    text = _TASHKEEL_RE.sub("", text)
    return re.sub("[\u00ad\u200b-\u200f\u2060\u061c\u202a-\u202e\u2066-\u2069\ufeff]", "", text)


def words(spelling: str) -> list[str]:
    return [word for word in re.split(r"[\s,;،/]+", fold(spelling).strip()) if word]


def _strip_arabic_article(word: str) -> tuple[bool, str]:
    if word.startswith("ال") and len(word) > 4:
        return True, word[2:]
    return False, word


def _strip_latin_article(word: str) -> tuple[bool, str]:
    match = re.match(r"^(?:al|el|ul|il|a[rnstdz]|as[h])[\-‐‑'’](.+)$", word, re.IGNORECASE)
    if match and len(match.group(1)) >= 2:
        return True, match.group(1)
    return False, word


# --- Patterns for one word --------------------------------------------------------------


def _arabic_in_arabic(word: str) -> str:
    """An Arabic word in Arabic text: letter variants, tashkeel, doubled letters, clitics."""
    _article, core = _strip_arabic_article(word)
    parts = []
    for char in core:
        letters = _ARABIC_VARIANTS.get(char, char)
        parts.append(f"[{re.escape(letters)}]" if len(letters) > 1 else re.escape(char))
        parts.append(f"[{TASHKEEL}]*")
    return _ARABIC_PROCLITIC + "".join(parts)


def _arabic_in_latin(word: str) -> str:
    """An Arabic word as Latin text may transliterate it."""
    _article, core = _strip_arabic_article(word)
    parts = [_LATIN_ARTICLE]
    previous_consonant = False
    for _index, char in enumerate(core):
        renderings = ARABIC_TO_LATIN.get(char)
        if renderings is None:
            continue
        options = sorted({re.escape(rendering) for rendering in renderings if rendering}, key=len, reverse=True)
        group = "(?:" + "|".join(options) + ")"
        if "" in renderings:
            group += "?"
        is_consonant = char not in _ARABIC_LONG_VOWELS and char not in "ةءأإؤئعه"
        if is_consonant and previous_consonant:
            parts.append(_SHORT_VOWEL)
        # A doubled consonant (shadda) is written once or twice.
        parts.append(group + ("{1,2}" if is_consonant and not group.endswith("?") else ""))
        parts.append(_APOSTROPHE)
        previous_consonant = is_consonant
    return "".join(parts)


def _latin_in_latin(word: str) -> str:
    """A Latin word in Latin text: case, accents, apostrophes, doubled letters, vowel and consonant variants."""
    _article, core = _strip_latin_article(word)
    core = re.sub(r"['’ʿʾ`´\-‐‑]", "", core).lower()
    core = re.sub(r"(.)\1+", r"\1", core)  # doubled letters: matched single or double
    parts = [_LATIN_ARTICLE]  # "Haddad" is also "al-Haddad", "El Haddad"
    for piece in _LATIN_TOKEN.findall(core):
        if piece[0] in "aeiou":
            group = _LATIN_VOWEL_CLASS.get(piece) or "".join(f"[{re.escape(_ACCENTED.get(c, c))}]" for c in piece)
            parts.append(group)
        elif piece in _LATIN_CONSONANT_CLASS:
            parts.append(_LATIN_CONSONANT_CLASS[piece] + "{1,2}")
        else:
            letters = _ACCENTED.get(piece, piece)
            parts.append((f"[{re.escape(letters)}]" if len(letters) > 1 else re.escape(piece)) + "{1,2}")
        parts.append(_APOSTROPHE)
    return "".join(parts)


def _latin_in_arabic(word: str) -> str:
    """A Latin word as Arabic text may write it: consonants fixed, short vowels unwritten."""
    _article, core = _strip_latin_article(word)
    core = re.sub(r"[\-‐‑]", "", core).lower()
    core = re.sub(r"([bcdfghjklmnpqrstvwxz])\1+", r"\1", core)
    parts = [_ARABIC_PROCLITIC]
    position = 0
    while position < len(core):
        for latin, arabic in _LATIN_TO_ARABIC:
            if core.startswith(latin, position):
                parts.append(arabic)
                position += len(latin)
                break
        else:
            char = core[position]
            position += 1
            if char in _LATIN_VOWEL_TO_ARABIC:
                vowel = _LATIN_VOWEL_TO_ARABIC[char]
                # A word that begins with a vowel begins with an alef or an ayn in Arabic.
                parts.append("[اأإآعي]" if position == 1 else vowel)
            elif char.isalpha():
                continue  # a letter Arabic has no rendering for: skip it
        parts.append(f"[{TASHKEEL}]*")
    return "".join(parts)


def _word_patterns(word: str) -> list[str]:
    if is_arabic(word):
        return [_arabic_in_arabic(word), _arabic_in_latin(word)]
    if not re.search(r"[^\W\d_]", word):
        return [re.escape(word)]  # digits or signs: as written
    return [_latin_in_latin(word), _latin_in_arabic(word)]


def _letters(word: str) -> int:
    return len(re.sub(r"[\W\d_]", "", _TASHKEEL_RE.sub("", word)))


def _alone(word: str) -> bool:
    """Whether one word of a name identifies the person by itself: not a particle, three letters at least."""
    folded = re.sub("[أإآ]", "ا", fold(word).lower().strip("-‐‑'’"))
    bare = _strip_arabic_article(folded)[1] if is_arabic(folded) else _strip_latin_article(folded)[1]
    return _letters(bare) >= 3 and folded not in PARTICLES and bare not in PARTICLES


@dataclass(frozen=True)
class NameMatcher:
    """Finds any spelling of one person's name in text; ``None`` patterns when the person has no name."""

    pattern: re.Pattern | None

    def __bool__(self):
        return self.pattern is not None

    def search(self, text: str) -> re.Match | None:
        if self.pattern is None or not text:
            return None
        return self.pattern.search(text) or (self.pattern.search(fold(text)) if _needs_fold(text) else None)

    def found(self, text: str) -> bool:
        return self.search(text) is not None

    def replace(self, text: str, label: str) -> tuple[str, int]:
        """``text`` with every spelling replaced by ``label``, and how many were replaced.

        The text keeps its diacritics; it is folded only when a name hides behind
        presentation forms or invisible marks that the patterns do not see through.
        """
        if self.pattern is None or not text:
            return text, 0
        label = label.replace("\\", "\\\\")
        text, count = self.pattern.subn(label, text)
        if _needs_fold(text) and self.pattern.search(fold(text)):
            text, more = self.pattern.subn(label, fold(text))
            count += more
        return text, count


_FOLDABLE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\u00ad\u200b-\u200f\u2060\u061c\u202a-\u202e\u2066-\u2069]")


def _needs_fold(text: str) -> bool:
    # Presentation forms, tatweel or invisible marks would hide a name from the patterns.
    return bool(_FOLDABLE.search(text))


@functools.lru_cache(maxsize=4096)
def _compile(spellings: tuple[str, ...]) -> NameMatcher:
    alternatives = []
    for spelling in spellings:
        spelled = words(spelling)
        if not spelled:
            continue
        per_word = [_word_patterns(word) for word in spelled]
        if len(spelled) > 1:
            # The whole name, in each script it may be written in.
            for script in range(2):
                alternatives.append(_JOIN.join(patterns[min(script, len(patterns) - 1)] for patterns in per_word))
        elif _letters(spelled[0]) < 3:
            # A name of one or two letters: only as a whole word of its own, exactly.
            alternatives.append(re.escape(spelled[0]))
            continue
        for word, patterns in zip(spelled, per_word, strict=True):
            if _alone(word):
                alternatives.extend(patterns)
    if not alternatives:
        return NameMatcher(None)
    unique = sorted(set(alternatives), key=len, reverse=True)  # the whole name before its parts
    body = "|".join(f"(?:{alternative})" for alternative in unique)
    return NameMatcher(re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE))


def name_matcher(spellings: Iterable[str]) -> NameMatcher:
    """The matcher for all of a person's spellings (name, Latin spelling, other names)."""
    cleaned = tuple(sorted({fold(spelling).strip() for spelling in spellings if spelling and spelling.strip()}))
    return _compile(cleaned)


@functools.lru_cache(maxsize=16384)
def _word_pattern(word: str) -> re.Pattern:
    alternatives = [*_word_patterns(word), re.escape(word)]
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives), re.IGNORECASE)


def may_be_named(spellings: Iterable[str], text: str) -> bool:
    """False when ``name_matcher(spellings)`` certainly finds nothing in ``text``.

    Every alternative of a name's pattern begins with the pattern of a spelling's first word
    or of a word that names the person alone (``_compile``), so a text where none of those
    is found holds no spelling of the name. Word patterns are few and shared between names
    (a family name, a first name) and cheap to compile; a whole name's pattern costs
    milliseconds, which an import of thousands of persons whose names its text does not
    mention need not spend.
    """
    if not text:
        return False
    haystacks = [text, fold(text)] if _needs_fold(text) else [text]
    for spelling in {fold(spelling).strip() for spelling in spellings if spelling and spelling.strip()}:
        spelled = words(spelling)
        for word in [word for index, word in enumerate(spelled) if index == 0 or _alone(word)]:
            pattern = _word_pattern(word)
            if any(pattern.search(haystack) for haystack in haystacks):
                return True
    return False


# --- Suggestions for the form --------------------------------------------------------


# The usual English spelling of common names, which letter-by-letter rules get wrong.
COMMON_LATIN = {
    "محمد": "Mohammed",
    "احمد": "Ahmed",
    "محمود": "Mahmoud",
    "مصطفى": "Mustafa",
    "عبد": "Abd",
    "عبدالله": "Abdullah",
    "الله": "Allah",
    "علي": "Ali",
    "حسن": "Hassan",
    "حسين": "Hussein",
    "عمر": "Omar",
    "خالد": "Khaled",
    "يوسف": "Youssef",
    "ابراهيم": "Ibrahim",
    "فاطمة": "Fatima",
    "مريم": "Maryam",
    "نور": "Nour",
    "امل": "Amal",
    "سلام": "Salam",
    "زينب": "Zainab",
    "عائشة": "Aisha",
    "ابو": "Abu",
    "بن": "bin",
    "ام": "Umm",
}


def suggest_latin(arabic: str) -> str:
    """A first Latin spelling of an Arabic name (سمير الحداد → Samir al-Hadad), for the officer to correct."""
    result = []
    for word in words(arabic):
        if not is_arabic(word):
            result.append(word)
            continue
        common = COMMON_LATIN.get(re.sub("[أإآ]", "ا", word))
        if common:
            result.append(common)
            continue
        article, core = _strip_arabic_article(word)
        letters = []
        for index, char in enumerate(core):
            rendering = ARABIC_TO_LATIN.get(char, ("",))[0]
            if char == "ة":
                rendering = "a"
            elif char in "أإع" and index == 0:
                rendering = {"أ": "a", "إ": "i", "ع": "a"}[char]
            elif char == "ي":
                rendering = "y" if index == 0 or core[index + 1 : index + 2] in ("ا", "و") else "i"
            elif char == "و":
                rendering = "w" if index == 0 or core[index + 1 : index + 2] in ("ا", "ي") else "ou"
            following = core[index + 1] if index + 1 < len(core) else ""
            consonant = char not in _ARABIC_LONG_VOWELS and char not in "ةءأإؤئع"
            next_consonant = following and following not in _ARABIC_LONG_VOWELS and following not in "ةءؤئ"
            letters.append(rendering)
            if consonant and next_consonant and index < len(core) - 1:
                letters.append("a")  # the short vowel Arabic does not write
        latin = "".join(letters)
        latin = latin[:1].upper() + latin[1:]
        result.append(f"al-{latin}" if article else latin)
    return " ".join(result)


_SUGGEST_TO_ARABIC = [
    ("sh", "ش"),
    ("kh", "خ"),
    ("gh", "غ"),
    ("th", "ث"),
    ("dh", "ذ"),
    ("ou", "و"),
    ("oo", "و"),
    ("ee", "ي"),
    ("ei", "ي"),
    ("ai", "ي"),
    ("aa", "ا"),
    ("b", "ب"),
    ("p", "ب"),
    ("t", "ت"),
    ("j", "ج"),
    ("g", "ج"),
    ("h", "ح"),
    ("d", "د"),
    ("r", "ر"),
    ("z", "ز"),
    ("s", "س"),
    ("f", "ف"),
    ("v", "ف"),
    ("q", "ق"),
    ("k", "ك"),
    ("c", "ك"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("w", "و"),
    ("y", "ي"),
    ("i", "ي"),
    ("u", "و"),
    ("o", "و"),
]


def suggest_arabic(latin: str) -> str:
    """A first Arabic spelling of a Latin name (Samir al-Haddad → سمير الحداد), for the officer to correct."""
    result = []
    for word in words(latin):
        if is_arabic(word):
            result.append(word)
            continue
        article, core = _strip_latin_article(word)
        core = re.sub(r"['’\-]", "", core).lower()
        core = re.sub(r"([^aeiou])\1+", r"\1", core)
        letters, position = [], 0
        while position < len(core):
            if core[position] in "ae" and position > 0 and position < len(core) - 1:
                position += 1  # a short vowel Arabic does not write
                continue
            if core[position] in "ae":
                letters.append("ا" if position == 0 else "ة" if core[position] == "a" else "ي")
                position += 1
                continue
            for latin_part, arabic in _SUGGEST_TO_ARABIC:
                if core.startswith(latin_part, position):
                    if position == 0 and latin_part in ("i", "u", "o"):
                        arabic = "ا" + arabic if latin_part != "i" else "إ"
                    letters.append(arabic)
                    position += len(latin_part)
                    break
            else:
                position += 1
        arabic_word = "".join(letters)
        result.append(f"ال{arabic_word}" if article else arabic_word)
    return " ".join(result)


def suggestion_table() -> dict:
    """The tables the case form's script uses to suggest a spelling in the other script as the officer types
    (``static/js/names.js`` follows ``suggest_latin`` and ``suggest_arabic``)."""
    return {
        "toLatin": {letter: renderings[0] for letter, renderings in ARABIC_TO_LATIN.items()},
        "common": COMMON_LATIN,
        "toArabic": _SUGGEST_TO_ARABIC,
    }
