"""The search-quality set: cases in Arabic with English translations, and what a reader expects
each query to find (PRODUCT.md section 4).

Shared by ``tests/cases/test_search_quality.py`` (which asserts the floor) and
``benchmarks/search_quality.py`` (which prints precision and recall by kind).
Each pair names the cases that must be found; a false friend also names cases
that must not be found, whatever else is.
"""

from dataclasses import dataclass, field

# key: (Arabic title, English translation)
CASES = {
    "c01": ("اعتقال المدوّن أحمد بسبب منشوراته على فيسبوك", "Blogger arrested over his Facebook posts"),
    "c02": ("الاعتقالات التعسفية للصحفيين في القاهرة", "Arbitrary arrests of journalists in Cairo"),
    "c03": ("استدعاء ناشطة حقوقية للتحقيق", "Woman rights activist summoned for questioning"),
    "c04": ("حجب المواقع الإخبارية فالصحافة مهددة", "News websites blocked, so the press is threatened"),
    "c05": ("قطع الإنترنت خلال الامتحانات الوطنية", "Internet shutdown during national exams"),
    "c06": ("حملة تحريض ضد المدونين والناشطين", "Incitement campaign against bloggers and activists"),
    "c07": ("وزارة الداخلية تطلب حذف حسابات معارضين", "Interior ministry requests deletion of opponents' accounts"),
    "c08": ("مصادرة هاتف صحفيّة في بيروت", "Journalist's phone seized in Beirut"),
    "c09": ("برنامج تجسس على أجهزة نشطاء وبالأخص الصحفيين", "Spyware on devices of activists, journalists above all"),
    "c10": ("زيارة الأمن لمنزل مدونة في تونس", "Security forces visit a blogger's home in Tunis"),
    "c11": ("إغلاق حساب منظمة على إنستغرام", "Organisation account closed on Instagram"),
    "c12": ("حكم بالسجن على مغرد بسبب تغريدة", "Prison sentence for a tweet"),
    "c13": ("اختراق حساب واتساب لمحامية اسمها منى", "WhatsApp account of a lawyer named Mona hacked"),
    "c14": ("تقييد الوصول إلى منشورات عن فلسطين", "Restricted reach of posts about Palestine"),
    "c15": ("انتحال صفة صحيفة على تيك توك", "Newspaper impersonated on TikTok"),
    "c16": ("رسائل تهديد لفنانة وللفرقة بعد أغنية", "Threatening messages to an artist and her band after a song"),
    "c17": ("باب النقاش مغلق: حذف تعليقات المستخدمين", "Discussion closed: users' comments deleted"),
    "c18": ("قانون الجرائم الإلكترونية الجديد يهدد حرية التعبير", "New cybercrime law threatens freedom of expression"),
    "c19": ("مراقبة واسعة للاتصالات كالتنصت على الهواتف", "Wide surveillance of communications such as phone tapping"),
    "c20": ("السجون تمنع الزيارات عن المعتقلين", "Prisons bar visits to detainees"),
    "c21": ("شكوى إلى المُقرِّر الخاص في الأمم المتحدة", "Complaint to the UN special rapporteur"),
    "c22": ("تعليـــق حساب صحفي على إكس", "Journalist's account suspended on X"),
}

BLOGGERS = {"c01", "c06", "c10"}
JOURNALISTS = {"c02", "c08", "c09", "c22"}
ACTIVISTS = {"c03", "c06", "c09"}
ACCOUNTS = {"c07", "c11", "c13", "c22"}


@dataclass(frozen=True)
class Pair:
    query: str
    expected: frozenset
    kind: str
    forbidden: frozenset = field(default_factory=frozenset)


def _pair(query, expected, kind, forbidden=()):
    return Pair(query, frozenset(expected), kind, frozenset(forbidden))


PAIRS = [
    # Diacritics (tashkeel) in the query or in the record
    _pair("المُدَوِّن", BLOGGERS, "tashkeel"),
    _pair("مقرر", {"c21"}, "tashkeel"),
    _pair("المُقَرِّر", {"c21"}, "tashkeel"),
    _pair("صحفية", JOURNALISTS, "tashkeel"),
    # Tatweel
    _pair("تعليق", {"c22", "c17"}, "tatweel"),
    _pair("اعتـــقال", {"c01", "c02"}, "tatweel"),
    _pair("حســاب", ACCOUNTS, "tatweel"),
    # Hamza forms of alef
    _pair("اغلاق", {"c11"}, "hamza"),
    _pair("انترنت", {"c05"}, "hamza"),
    _pair("امن", {"c10"}, "hamza"),
    _pair("اجهزة", {"c09"}, "hamza"),
    _pair("اغنية", {"c16"}, "hamza"),
    _pair("الامم المتحدة", {"c21"}, "hamza"),
    _pair("الإخبارية", {"c04"}, "hamza"),
    # Ta marbuta and ha
    _pair("مدونه", BLOGGERS, "ta marbuta"),
    _pair("صحيفه", {"c15"}, "ta marbuta"),
    _pair("تغريده", {"c12"}, "ta marbuta"),
    _pair("حريه", {"c18"}, "ta marbuta"),
    _pair("مراقبه", {"c19"}, "ta marbuta"),
    # Alef maqsura and ya
    _pair("مني", {"c13"}, "alef maqsura"),
    _pair("شكوي", {"c21"}, "alef maqsura"),
    _pair("الي", {"c14", "c21"}, "alef maqsura"),
    # Every prefix
    _pair("ناشطين", ACTIVISTS, "prefix و"),
    _pair("الصحافة", {"c04"}, "prefix ف"),
    _pair("صحافة", {"c04"}, "prefix ف"),
    _pair("السجن", {"c12", "c20"}, "prefix ب"),
    _pair("سجن", {"c12", "c20"}, "prefix ب"),
    _pair("التنصت", {"c19"}, "prefix ك"),
    _pair("محامية", {"c13"}, "prefix ل"),
    _pair("منزل", {"c10"}, "prefix ل"),
    _pair("للمدونين", BLOGGERS, "prefix لل"),
    _pair("صحفيين", JOURNALISTS, "prefix لل"),
    _pair("الحساب", ACCOUNTS, "prefix ال"),
    _pair("المدونة", BLOGGERS, "prefix ال"),
    _pair("الاخص", {"c09"}, "prefix وبال"),
    _pair("الفرقة", {"c16"}, "prefix ولل"),
    _pair("والمواقع", {"c04"}, "prefix وال"),
    _pair("بالتحقيق", {"c03"}, "prefix بال"),
    # Sound plurals and suffixes
    _pair("الاعتقالات", {"c01", "c02"}, "sound plural"),
    _pair("اعتقال", {"c01", "c02"}, "sound plural"),
    _pair("منشور", {"c01", "c14"}, "sound plural"),
    _pair("حسابات", ACCOUNTS, "sound plural"),
    _pair("الزيارات", {"c10", "c20"}, "sound plural"),
    _pair("تعليقات", {"c17", "c22"}, "sound plural"),
    _pair("معارض", {"c07"}, "sound plural"),
    _pair("المعتقل", {"c20"}, "sound plural"),
    _pair("مستخدم", {"c17"}, "sound plural"),
    _pair("الاتصال", {"c19"}, "sound plural"),
    _pair("فنان", {"c16"}, "sound plural"),
    # Broken plurals
    _pair("نشطاء", ACTIVISTS, "broken plural"),
    _pair("ناشط", ACTIVISTS, "broken plural"),
    _pair("السجون", {"c12", "c20"}, "broken plural"),
    _pair("هاتف", {"c08", "c19"}, "broken plural"),
    _pair("جهاز", {"c09"}, "broken plural"),
    _pair("رسالة", {"c16"}, "broken plural"),
    _pair("موقع", {"c04"}, "broken plural"),
    # English inflections (the translations are searched)
    _pair("arrest", {"c01", "c02"}, "english"),
    _pair("arrests", {"c01", "c02"}, "english"),
    _pair("bloggers", BLOGGERS, "english"),
    _pair("journalist", JOURNALISTS, "english"),
    _pair("activists", ACTIVISTS, "english"),
    _pair("summons", {"c03"}, "english"),
    _pair("blocking", {"c04"}, "english"),
    _pair("hacking", {"c13"}, "english"),
    _pair("deleted", {"c07", "c17"}, "english"),
    _pair("accounts", ACCOUNTS, "english"),
    _pair("post", {"c01", "c14"}, "english"),
    _pair("sentenced", {"c12"}, "english"),
    _pair("PRISONS", {"c12", "c20"}, "english"),
    # False friends: a prefix letter that belongs to the word, a shared substring
    _pair("باب", {"c17"}, "false friend", forbidden=set(CASES) - {"c17"}),
    _pair("زار", set(), "false friend", forbidden={"c07"}),
    _pair("سعة", set(), "false friend", forbidden={"c19"}),
    _pair("اسع", set(), "false friend", forbidden={"c19"}),
    _pair("روت", set(), "false friend", forbidden={"c08"}),
    _pair("بيت", set(), "false friend", forbidden={"c08"}),
    _pair("صحيفة", {"c15"}, "false friend", forbidden=JOURNALISTS),
    _pair("صحفي", JOURNALISTS, "false friend", forbidden={"c15"}),
    _pair("الامم", {"c21"}, "false friend", forbidden={"c10"}),
    _pair("دونة", set(), "false friend", forbidden=BLOGGERS),
]


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    returned: int = 0
    false_friends: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.returned if self.returned else 1.0


def evaluate(run) -> dict[str, Score]:
    """Scores by kind, and ``"all"``; ``run(query)`` returns the keys of the cases found."""
    scores: dict[str, Score] = {"all": Score()}
    for pair in PAIRS:
        got = set(run(pair.query))
        for score in (scores["all"], scores.setdefault(pair.kind, Score())):
            score.found += len(got & pair.expected)
            score.expected += len(pair.expected)
            score.returned += len(got)
            if got & pair.forbidden:
                score.false_friends.append((pair.query, sorted(got & pair.forbidden)))
            if pair.expected - got:
                score.misses.append((pair.query, sorted(pair.expected - got)))
    return scores


def load(actor) -> dict:
    """The set's cases, created through the services: {case id: key}."""
    from cases import services

    cases = {}
    for key, (title, translation) in CASES.items():
        case = services.case_create(
            actor=actor, title=title, language="ar", title_translation=translation, country="IS", sensitivity="normal"
        )
        cases[case.pk] = key
    return cases


def runner(keys: dict, *, personal: bool = False):
    """``run(query)`` for ``evaluate``: the list's search over the set's cases."""
    from cases.models import Case
    from cases.search import query_words, search

    def run(query: str) -> list[str]:
        found = search(Case.objects.filter(pk__in=keys), query_words(query), personal=personal)
        return [keys[pk] for pk in found.values_list("pk", flat=True)]

    return run
