"""Demo cases for a first look at Casebook. Fictional people and events."""
# ruff: noqa: E501  (demo narratives are prose)

from datetime import date, timedelta

from django.utils import timezone

from cases import services
from cases.choices import (
    ConsentMethod,
    ConsentStatus,
    InterventionKind,
    InterventionStatus,
    Language,
    PersonRole,
    PlatformAnswer,
    Sensitivity,
    Status,
    StatusSource,
)
from cases.models import Actor, ActorType, Outcome, Platform, Profession, Tag, ViolationType

# Responsible bodies, shared by the demo cases: key → (English, Arabic, actor type code, country).
DEMO_ACTORS = {
    "cybercrime_unit": (
        "Cybercrime Unit, Public Security Directorate",
        "وحدة الجرائم الإلكترونية - مديرية الأمن العام",
        "security_agency",
        "JO",
    ),
    "prosecution": ("Public Prosecution", "النيابة العامة", "prosecution_court", "IQ"),
    "meta": ("Meta Platforms", "شركة ميتا", "platform_company", ""),
    "x_corp": ("X Corp.", "شركة إكس", "platform_company", ""),
    "telecom_ministry": ("Ministry of Communications", "وزارة الاتصالات", "ministry_regulator", "SY"),
    "ntra": ("National Telecom Regulatory Authority", "الجهاز القومي لتنظيم الاتصالات", "ministry_regulator", "EG"),
    "unknown": ("Unidentified attackers", "مهاجمون مجهولو الهوية", "unknown", ""),
    "court": ("Court of First Instance", "المحكمة الابتدائية", "prosecution_court", "DZ"),
    "parliament": ("Parliament", "مجلس النواب", "ministry_regulator", "BH"),
}

DEMO_CASES = [
    {
        "title": "اعتقال مدوّن بسبب منشور ينتقد غلاء الأسعار",
        "title_translation": "Blogger arrested over a post criticising rising prices",
        "narrative": "استُدعي المدوّن إلى مركز الشرطة بعد نشره تدوينة على فيسبوك تنتقد ارتفاع أسعار الخبز، "
        "ثم احتُجز لمدة أربعة أيام ووُجّهت إليه تهمة «نشر أخبار كاذبة» بموجب المادة 23 من قانون الجرائم الإلكترونية.",
        "narrative_translation": "The blogger was summoned to a police station after publishing a Facebook post criticising "
        "the rise in bread prices, then detained for four days and charged with 'spreading false news' under Article 23 "
        "of the Cybercrime Law.",
        "language": Language.ARABIC,
        "violation_type": "arrest",
        "platform": "facebook",
        "country": "JO",
        "start_date": date(2026, 3, 14),
        "status": Status.VERIFIED,
        "sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "title": "Instagram removed a journalist's reel documenting a protest",
        "title_translation": "إنستغرام يحذف مقطعاً لصحفية يوثّق احتجاجاً",
        "narrative": "A freelance journalist's reel showing police dispersing a peaceful sit-in was removed "
        "within two hours for 'violent and graphic content'. The appeal was refused without review.",
        "narrative_translation": "حُذف خلال ساعتين مقطعٌ نشرته صحفية مستقلة يُظهر الشرطة وهي تفرّق اعتصاماً سلمياً، "
        "بحجة «المحتوى العنيف والصادم». ورُفض الطعن دون مراجعة.",
        "language": Language.ENGLISH,
        "violation_type": "content_removal",
        "platform": "instagram",
        "country": "LB",
        "start_date": date(2026, 5, 2),
        "status": Status.ESCALATED,
        "sensitivity": Sensitivity.NORMAL,
    },
    {
        "title": "تعليق حساب ناشطة حقوقية على منصة X بعد حملة بلاغات منسّقة",
        "title_translation": "Human rights activist's account on X suspended after a coordinated reporting campaign",
        "narrative": "عُلّق حساب الناشطة بعد أن تلقّى أكثر من ثلاثمئة بلاغ خلال ساعة واحدة من حسابات حديثة الإنشاء.",
        "narrative_translation": "The activist's account was suspended after it received more than three hundred "
        "reports within a single hour from newly created accounts.",
        "language": Language.ARABIC,
        "violation_type": "mass_reporting",
        "platform": "x",
        "country": "TN",
        "start_date": date(2026, 1, 20),
        "status": Status.UNDER_VERIFICATION,
        "sensitivity": Sensitivity.SENSITIVE,
    },
    {
        "title": "Nationwide mobile internet shutdown during school exams",
        "title_translation": "قطع الإنترنت عبر الهاتف المحمول على مستوى البلاد خلال الامتحانات المدرسية",
        "narrative": "Mobile data was cut across the country for three hours each morning of the national exams, "
        "confirmed by network measurements and by statements of two operators.",
        "narrative_translation": "قُطعت خدمة بيانات الهاتف المحمول في أنحاء البلاد كافة لمدة ثلاث ساعات صباح كل يوم "
        "من أيام الامتحانات الوطنية، وهو ما أكّدته قياسات الشبكة وتصريحات صادرة عن شركتَي اتصالات.",
        "language": Language.ENGLISH,
        "violation_type": "shutdown",
        "platform": "network",
        "country": "SY",
        "start_date": date(2026, 6, 10),
        "status": Status.VERIFIED,
        "sensitivity": Sensitivity.NORMAL,
    },
    {
        "title": "حجب موقع إخباري مستقل دون قرار قضائي",
        "title_translation": "Independent news website blocked without a court order",
        "narrative": "أصبح الموقع غير متاح عبر جميع مزوّدي الخدمة، ولم يصدر أي قرار قضائي أو إداري معلن.",
        "narrative_translation": "The website became unreachable through every service provider, and no court or "
        "administrative decision has been made public.",
        "language": Language.ARABIC,
        "violation_type": "blocking",
        "platform": "website",
        "country": "EG",
        "start_date": date(2025, 11, 3),
        "status": Status.CLOSED,
        "sensitivity": Sensitivity.NORMAL,
    },
    {
        "title": "Spyware infection found on a lawyer's phone",
        "title_translation": "اكتشاف إصابة هاتف محامية ببرنامج تجسس",
        "narrative": "A forensic check of a human-rights lawyer's phone found traces of a commercial spyware "
        "implant dated to the week before a hearing in which she represented detained bloggers.",
        "narrative_translation": "كشف فحصٌ جنائي رقمي لهاتف محامية مدافعة عن حقوق الإنسان آثارَ زرعٍ لبرنامج تجسس "
        "تجاري يعود تاريخه إلى الأسبوع السابق لجلسةٍ مثّلت فيها مدوّنين محتجزين.",
        "language": Language.ENGLISH,
        "violation_type": "spyware",
        "platform": "other",
        "country": "MA",
        "start_date": date(2026, 2, 27),
        "status": Status.UNDER_VERIFICATION,
        "sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "title": "استدعاء صانعة محتوى على تيك توك للتحقيق بسبب مقطع ساخر",
        "title_translation": "TikTok content creator summoned for questioning over a satirical clip",
        "narrative": "تلقّت صانعة المحتوى استدعاءً من النيابة العامة بعد نشر مقطع ساخر عن أداء البلدية، وحُقّق معها لست ساعات.",
        "narrative_translation": "The content creator received a summons from the Public Prosecution after posting a "
        "satirical clip about the municipality's performance, and was questioned for six hours.",
        "language": Language.ARABIC,
        "violation_type": "summons",
        "platform": "tiktok",
        "country": "IQ",
        "start_date": date(2026, 4, 8),
        "status": Status.INTAKE,
        "sensitivity": Sensitivity.SENSITIVE,
    },
    {
        "title": "Doxxing of a women's rights activist on Telegram",
        "title_translation": "نشر المعلومات الشخصية لناشطة في مجال حقوق المرأة على تيليغرام",
        "narrative": "A Telegram channel with 40,000 subscribers published the activist's home address and her "
        "children's school, with calls to 'teach her a lesson'.",
        "narrative_translation": "نشرت قناة على تيليغرام يتابعها أربعون ألف مشترك عنوانَ منزل الناشطة ومدرسةَ "
        "أطفالها، مع دعوات إلى «تلقينها درساً».",
        "language": Language.ENGLISH,
        "violation_type": "doxxing",
        "platform": "telegram",
        "country": "LY",
        "start_date": date(2026, 7, 19),
        "status": Status.ESCALATED,
        "sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "title": "تقييد ظهور منشورات صفحة إخبارية محلية",
        "title_translation": "Visibility of a local news page's posts restricted",
        "narrative": "انخفض وصول منشورات الصفحة بنسبة تسعين بالمئة بعد تغطيتها لاحتجاجات عمّالية، دون أي إشعار من المنصة.",
        "narrative_translation": "The reach of the page's posts fell by ninety per cent after it covered workers' "
        "protests, without any notice from the platform.",
        "language": Language.ARABIC,
        "violation_type": "visibility_restriction",
        "platform": "facebook",
        "country": "PS",
        "start_date": date(2026, 8, 1),
        "status": Status.INTAKE,
        "sensitivity": Sensitivity.NORMAL,
    },
    {
        "title": "Blogger sentenced to one year for a YouTube video",
        "title_translation": "الحكم على مدوّن بالسجن سنة واحدة بسبب مقطع فيديو على يوتيوب",
        "narrative": "A court sentenced a blogger to one year in prison and a fine for 'insulting a public body' "
        "over a video criticising the handling of floods.",
        "narrative_translation": "قضت محكمة بسجن مدوّن سنة واحدة وتغريمه بتهمة «إهانة هيئة نظامية» بسبب مقطع فيديو "
        "ينتقد طريقة التعامل مع الفيضانات.",
        "language": Language.ENGLISH,
        "violation_type": "conviction",
        "platform": "youtube",
        "country": "DZ",
        "start_date": date(2025, 12, 15),
        "status": Status.VERIFIED,
        "sensitivity": Sensitivity.SENSITIVE,
    },
    {
        "title": "اختراق حساب واتساب لصحفي عبر رسالة تصيّد",
        "title_translation": "Journalist's WhatsApp account hacked through a phishing message",
        "narrative": "استولى مجهولون على حساب الصحفي بعد رسالة تطلب رمز التحقق باسم «الدعم الفني»، واستُخدم الحساب لمراسلة مصادره.",
        "narrative_translation": "Unknown persons took over the journalist's account after a message in the name of "
        "'technical support' asked for his verification code; the account was then used to write to his sources.",
        "language": Language.ARABIC,
        "violation_type": "account_hacking",
        "platform": "whatsapp",
        "country": "SD",
        "start_date": date(2026, 9, 5),
        "status": Status.UNDER_VERIFICATION,
        "sensitivity": Sensitivity.SENSITIVE,
    },
    {
        "title": "New cybercrime law criminalises 'harming national unity' online",
        "title_translation": "قانون جديد للجرائم الإلكترونية يجرّم «المساس بالوحدة الوطنية» على الإنترنت",
        "narrative": "The law adopted in September sets prison terms of up to five years for online content "
        "'harming national unity', without defining the term.",
        "narrative_translation": "يفرض القانون الذي أُقرّ في سبتمبر/أيلول عقوبات بالسجن تصل إلى خمس سنوات على "
        "المحتوى المنشور على الإنترنت الذي «يمسّ بالوحدة الوطنية»، دون أن يعرّف هذا المصطلح.",
        "language": Language.ENGLISH,
        "violation_type": "restrictive_law",
        "platform": "other",
        "country": "BH",
        "start_date": date(2026, 9, 21),
        "status": Status.VERIFIED,
        "sensitivity": Sensitivity.NORMAL,
    },
]

# What each demo case holds beyond its own fields, by position in DEMO_CASES.
DEMO_DETAILS = {
    0: {
        "tags": ["قانون الجرائم الإلكترونية"],
        "persons": [
            {
                "name": "سامر الخطيب",
                "name_latin": "Samer al-Khatib",
                "pseudonym": "المدوّن س.",
                "profession": "blogger",
                "gender": "male",
                "age_group": "30_44",
                "contact": "Signal: +962 7 0000 0001",
                "consents": ["state"],
            },
            {"name": "", "pseudonym": "شاهد ١", "role": PersonRole.WITNESS},
        ],
        "violations": [
            {"type": "summons", "platform": "facebook", "actors": ["cybercrime_unit"], "offset": 0},
            {
                "type": "arrest",
                "platform": "facebook",
                "actors": ["cybercrime_unit"],
                "legal_basis": "قانون الجرائم الإلكترونية، المادة 23",
                "outcome": "released_on_bail",
                "offset": 1,
            },
        ],
        "interventions": [
            {
                "kind": InterventionKind.UN_COMMUNICATION,
                "recipient": "UN Special Rapporteur on freedom of expression",
                "status": InterventionStatus.SENT,
                "sent": 20,
            }
        ],
    },
    1: {
        "tags": ["protests"],
        # Recent, so that the six months to contest the removal (DSA Article 20) are still open.
        "days_ago": 20,
        "persons": [
            {
                "name": "Rania Haddad",
                "name_latin": "رانيا حداد",
                "pseudonym": "Journalist R.",
                "profession": "journalist",
                "gender": "female",
                "age_group": "18_29",
                "contact": "rania@example.org",
                "consents": ["state", "public", "platform"],
            },
            {"name": "", "pseudonym": "Source at the sit-in", "role": PersonRole.SOURCE},
        ],
        "violations": [
            {
                "type": "content_removal",
                "platform": "instagram",
                "actors": ["meta"],
                "stated_reason": "Violent and graphic content",
                "content": "https://www.instagram.com/reel/EXAMPLE1/",
                "outcome": "content_restored",
            }
        ],
        "interventions": [
            {
                "kind": InterventionKind.PLATFORM_ESCALATION,
                "recipient": "Meta trusted partner channel",
                "platform": "instagram",
                "status": InterventionStatus.CONTENT_RESTORED,
                "sent": 3,
                "response": "The reel was restored after review.",
            },
            {
                "kind": InterventionKind.DSA_COMPLAINT,
                "recipient": "Instagram internal complaint system",
                "platform": "instagram",
                "status": InterventionStatus.DRAFT,
            },
        ],
    },
    2: {
        "tags": ["حملات البلاغات"],
        "persons": [
            {
                "name": "ليلى بن صالح",
                "name_latin": "Layla Ben Salah",
                "pseudonym": "ناشطة ل.",
                "profession": "hrd",
                "gender": "female",
                "age_group": "30_44",
                "consents": ["platform"],
            }
        ],
        "violations": [
            {"type": "mass_reporting", "platform": "x", "actors": ["unknown"]},
            {
                "type": "account_suspension",
                "platform": "x",
                "actors": ["x_corp"],
                "content": "https://x.com/example_activist\nhttps://x.com/example_activist/status/1790000000000000001",
            },
        ],
        "interventions": [
            {
                "kind": InterventionKind.PLATFORM_ESCALATION,
                "recipient": "X Trust & Safety",
                "platform": "x",
                "status": InterventionStatus.SENT,
                "sent": 40,
            }
        ],
    },
    3: {
        "tags": ["exams"],
        "persons": [],
        "violations": [{"type": "shutdown", "platform": "network", "actors": ["telecom_ministry"]}],
        "interventions": [
            {"kind": InterventionKind.MEDIA, "recipient": "Press", "status": InterventionStatus.ACTIONED, "sent": 5}
        ],
    },
    4: {
        "persons": [
            {
                "name": "",
                "pseudonym": "موقع إخباري مستقل",
                "profession": "media_outlet",
                "consents": ["state", "public"],
            }
        ],
        "violations": [{"type": "blocking", "platform": "website", "actors": ["ntra"], "outcome": "no_change"}],
        "interventions": [
            {
                "kind": InterventionKind.UPR_SUBMISSION,
                "recipient": "OHCHR UPR Branch",
                "status": InterventionStatus.ACKNOWLEDGED,
                "sent": 60,
            }
        ],
    },
    5: {
        "persons": [
            {
                "name": "Nadia Amrani",
                "name_latin": "نادية العمراني",
                "pseudonym": "Lawyer N.",
                "profession": "lawyer",
                "gender": "female",
                "age_group": "45_64",
                "contact": "Through her office only",
                "consents": [],
            }
        ],
        "violations": [{"type": "spyware", "platform": "other", "actors": ["unknown"]}],
        "interventions": [],
    },
    6: {
        "persons": [
            {
                "name": "هدى الجبوري",
                "name_latin": "Huda al-Jubouri",
                "pseudonym": "صانعة محتوى ه.",
                "profession": "blogger",
                "gender": "female",
                "age_group": "18_29",
                "consents": ["state"],
            }
        ],
        "violations": [
            {
                "type": "summons",
                "platform": "tiktok",
                "actors": ["prosecution"],
                "legal_basis": "قانون العقوبات، المادة 226",
            }
        ],
        "interventions": [],
    },
    7: {
        "tags": ["women defenders"],
        "persons": [
            {
                "name": "Amal Zintani",
                "name_latin": "أمل الزنتاني",
                "pseudonym": "Activist A.",
                "profession": "activist",
                "gender": "female",
                "age_group": "30_44",
                "contact": "Via partner organisation",
                "consents": ["platform"],
            }
        ],
        "violations": [
            {"type": "doxxing", "platform": "telegram", "actors": ["unknown"], "content": "t.me/example_channel/1234"},
            {"type": "incitement", "platform": "telegram", "actors": ["unknown"]},
        ],
        "interventions": [
            {
                "kind": InterventionKind.PLATFORM_ESCALATION,
                "recipient": "Telegram abuse desk",
                "platform": "telegram",
                "status": InterventionStatus.NO_RESPONSE,
                "sent": 45,
                "urgent": True,
            }
        ],
    },
    8: {
        "persons": [
            {
                "name": "",
                "pseudonym": "صفحة إخبارية محلية",
                "profession": "media_outlet",
                "consents": ["public", "platform"],
            }
        ],
        "violations": [{"type": "visibility_restriction", "platform": "facebook", "actors": ["meta"]}],
        "interventions": [],
    },
    9: {
        "persons": [
            {
                "name": "Karim Bensaid",
                "name_latin": "كريم بن سعيد",
                "pseudonym": "Blogger K.",
                "profession": "blogger",
                "gender": "male",
                "age_group": "30_44",
                "consents": ["state", "public"],
            }
        ],
        "violations": [
            {
                "type": "conviction",
                "platform": "youtube",
                "actors": ["court"],
                "legal_basis": "Penal Code, Article 146",
                "outcome": "sentenced",
            }
        ],
        "interventions": [
            {
                "kind": InterventionKind.LEGAL_ACTION,
                "recipient": "Court of Appeal",
                "status": InterventionStatus.SENT,
                "sent": 30,
            }
        ],
    },
    10: {
        "persons": [
            {
                "name": "عثمان الطيب",
                "name_latin": "Othman al-Tayeb",
                "pseudonym": "صحفي ع.",
                "profession": "journalist",
                "gender": "male",
                "age_group": "45_64",
                "consents": [],
            }
        ],
        "violations": [
            {"type": "phishing", "platform": "whatsapp", "actors": ["unknown"]},
            {"type": "account_hacking", "platform": "whatsapp", "actors": ["unknown"], "outcome": "account_recovered"},
        ],
        "interventions": [],
    },
    11: {
        "tags": ["cybercrime law"],
        "persons": [],
        "violations": [
            {
                "type": "restrictive_law",
                "platform": "other",
                "actors": ["parliament"],
                "legal_basis": "Cybercrime Law No. 12 of 2026",
            }
        ],
        "interventions": [
            {
                "kind": InterventionKind.EU_BRIEF,
                "recipient": "EU Delegation",
                "status": InterventionStatus.ACKNOWLEDGED,
                "sent": 15,
            }
        ],
    },
}


def _taxonomy(model, code):
    return model.objects.get(code=code) if code else None


def demo_load(*, officer) -> list:
    """Create the demo cases through the services, as ``officer``; returns them in order."""
    actors = {}
    for key, (english, arabic, type_code, country) in DEMO_ACTORS.items():
        actors[key], _created = Actor.objects.get_or_create(
            name_en=english,
            defaults={"name_ar": arabic, "actor_type": _taxonomy(ActorType, type_code), "country": country},
        )
    created = []
    for index, fields in enumerate(DEMO_CASES):
        fields = dict(fields)
        details = DEMO_DETAILS[index]
        if "days_ago" in details:
            fields["start_date"] = timezone.localdate() - timedelta(days=details["days_ago"])
        type_code, platform_code = fields.pop("violation_type"), fields.pop("platform")
        tags = [Tag.objects.get_or_create(name=name)[0] for name in details.get("tags", [])]
        case = services.case_create(actor=officer, tags=tags, **fields)
        start = fields["start_date"]
        for person in details["persons"]:
            consents = {}
            for kind in person.get("consents", []):
                consents[f"consent_{kind}_status"] = ConsentStatus.GIVEN
                consents[f"consent_{kind}_date"] = start + timedelta(days=2)
                consents[f"consent_{kind}_method"] = ConsentMethod.WRITTEN if kind == "state" else ConsentMethod.MESSAGE
            services.person_save(
                actor=officer,
                case=case,
                role=person.get("role", PersonRole.AFFECTED),
                name=person["name"],
                name_latin=person.get("name_latin", ""),
                pseudonym=person["pseudonym"],
                gender=person.get("gender", "unknown"),
                age_group=person.get("age_group", "unknown"),
                profession=_taxonomy(Profession, person.get("profession")),
                contact=person.get("contact", ""),
                **consents,
            )
        violations = []
        for act in details["violations"] or [{"type": type_code, "platform": platform_code}]:
            violations.append(
                services.violation_save(
                    actor=officer,
                    case=case,
                    violation_type=_taxonomy(ViolationType, act["type"]),
                    platform=_taxonomy(Platform, act.get("platform")),
                    date=start + timedelta(days=act.get("offset", 0)),
                    actors=[actors[key] for key in act.get("actors", [])],
                    legal_basis=act.get("legal_basis", ""),
                    stated_reason=act.get("stated_reason", ""),
                    content_concerned=act.get("content", ""),
                    outcome=_taxonomy(Outcome, act.get("outcome")),
                )
            )
        for step in details["interventions"]:
            sent_on = start + timedelta(days=step["sent"]) if "sent" in step else None
            if sent_on and sent_on > timezone.localdate():
                sent_on = timezone.localdate()
            services.intervention_save(
                actor=officer,
                case=case,
                violation=violations[-1],
                kind=step["kind"],
                recipient=step["recipient"],
                platform=_taxonomy(Platform, step.get("platform")),
                urgency="urgent" if step.get("urgent") else "normal",
                status=step["status"],
                sent_on=sent_on if step["status"] != InterventionStatus.DRAFT else None,
                response_date=sent_on if step.get("response") else None,
                response_text=step.get("response", ""),
            )
        created.append(case)
    _demo_content(officer=officer, cases=created)
    return created


# Content items of the demo cases: key → (position of the case in DEMO_CASES, fields). The dates
# ("published_on", "removed_on") are counted in days back from the day the demo is loaded.
DEMO_CONTENT = {
    "reel": (
        1,
        {
            "url": "https://www.instagram.com/reel/EXAMPLE1/",
            "platform": "instagram",
            "kind": "video",
            "content_id": "EXAMPLE1",
            "author_handle": "@example_journalist",
            "published_on": 20,
            "removed_on": 20,
            "stated_reason": "Violent and graphic content",
            "policy": "Violent and graphic content",
            "statement_of_reasons_id": "SOR-EXAMPLE-0001",
            "source": StatusSource.USER_REPORT,
        },
    ),
    "account": (
        2,
        {
            "url": "https://x.com/example_activist",
            "platform": "x",
            "kind": "account",
            "author_handle": "@example_activist",
            "removed_on": 45,
            "status": "suspended",
            "stated_reason": "Platform manipulation and spam",
            "source": StatusSource.USER_REPORT,
        },
    ),
    "post": (
        2,
        {
            "url": "https://x.com/example_activist/status/1790000000000000001",
            "platform": "x",
            "kind": "post",
            "content_id": "1790000000000000001",
            "author_handle": "@example_activist",
            "published_on": 50,
            "removed_on": 45,
            "stated_reason": "Hateful conduct",
            "source": StatusSource.PLATFORM_NOTICE,
        },
    ),
    # Restricted long ago and never looked at since: listed among the items to re-check.
    "page": (
        8,
        {
            "url": "https://www.facebook.com/example.local.news",
            "platform": "facebook",
            "kind": "page",
            "author_handle": "Example Local News",
            "removed_on": 90,
            "status": "restricted",
            "source": StatusSource.USER_REPORT,
        },
    ),
}


def _demo_content(*, officer, cases) -> None:
    """Content items with their status histories, an escalation whose answer falls due within the
    week, and an item nobody has re-checked for long: the home page has something to say on first run.

    Dates count back from today, so the demo says the same whenever it is loaded.
    """
    today = timezone.localdate()

    def days_ago(days: int) -> date:
        return today - timedelta(days=days)

    items = {}
    for key, (position, fields) in DEMO_CONTENT.items():
        fields = dict(fields, platform=_taxonomy(Platform, fields["platform"]))
        for name in ("published_on", "removed_on"):
            if name in fields:
                fields[name] = days_ago(fields[name])
        items[key] = services.content_item_save(actor=officer, case=cases[position], **fields)

    reel = items["reel"]
    services.content_recheck(actor=officer, item=reel, still_down=True, on=days_ago(18))
    services.content_status_record(
        actor=officer,
        item=reel,
        status="restored",
        on=days_ago(14),
        source=StatusSource.PLATFORM_NOTICE,
        note="Restored after review through the trusted partner channel.",
    )

    x_platform = items["post"].platform
    escalation = services.escalation_create(
        actor=officer,
        platform=x_platform,
        items=[items["account"], items["post"]],
        channel="Trusted partner channel",
        summary="Reinstate the account and restore the post: both were reported in a coordinated campaign.",
    )
    # Sent so that the platform's answer is due in three days.
    sent_on = days_ago(max(0, x_platform.response_days - 3))
    services.escalation_send(actor=officer, escalation=escalation, sent_on=sent_on, external_reference="TP-EXAMPLE-7")
    services.escalation_answer(
        actor=officer,
        entry=escalation.entries.get(item=items["post"]),
        answer=PlatformAnswer.UPHELD,
        answered_on=sent_on,
        note="The post stays down under the hateful conduct policy.",
    )
