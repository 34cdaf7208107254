"""Demo cases for a first look at Casebook. Fictional people and events."""
# ruff: noqa: E501  (demo narratives are prose)

from datetime import date, timedelta

from django.utils import timezone

from cases import services
from cases.choices import (
    ConsentMethod,
    ConsentStatus,
    ContentStatus,
    InterventionKind,
    InterventionStatus,
    Language,
    PersonRole,
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
        "narrative": "استُدعي المدوّن إلى مركز الشرطة بعد نشره تدوينة على فيسبوك تنتقد ارتفاع أسعار الخبز، "
        "ثم احتُجز لمدة أربعة أيام ووُجّهت إليه تهمة «نشر أخبار كاذبة» بموجب المادة 23 من قانون الجرائم الإلكترونية.",
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
        "narrative": "A freelance journalist's reel showing police dispersing a peaceful sit-in was removed "
        "within two hours for 'violent and graphic content'. The appeal was refused without review.",
        "narrative_translation": "حُذف خلال ساعتين مقطعٌ نشره صحفي مستقل يُظهر الشرطة وهي تفرّق اعتصاماً سلمياً، "
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
        "narrative": "عُلّق حساب الناشطة بعد أن تلقّى أكثر من ثلاثمئة بلاغ خلال ساعة واحدة من حسابات حديثة الإنشاء.",
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
        "narrative": "Mobile data was cut across the country for three hours each morning of the national exams, "
        "confirmed by network measurements and by statements of two operators.",
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
        "narrative": "أصبح الموقع غير متاح عبر جميع مزوّدي الخدمة، ولم يصدر أي قرار قضائي أو إداري معلن.",
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
        "narrative": "A forensic check of a human-rights lawyer's phone found traces of a commercial spyware "
        "implant dated to the week before a hearing in which she represented detained bloggers.",
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
        "narrative": "تلقّت صانعة المحتوى استدعاءً من النيابة العامة بعد نشر مقطع ساخر عن أداء البلدية، وحُقّق معها لست ساعات.",
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
        "narrative": "A Telegram channel with 40,000 subscribers published the activist's home address and her "
        "children's school, with calls to 'teach her a lesson'.",
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
        "narrative": "انخفض وصول منشورات الصفحة بنسبة تسعين بالمئة بعد تغطيتها لاحتجاجات عمّالية، دون أي إشعار من المنصة.",
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
        "narrative": "A court sentenced a blogger to one year in prison and a fine for 'insulting a public body' "
        "over a video criticising the handling of floods.",
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
        "narrative": "استولى مجهولون على حساب الصحفي بعد رسالة تطلب رمز التحقق باسم «الدعم الفني»، واستُخدم الحساب لمراسلة مصادره.",
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
        "narrative": "The law adopted in September sets prison terms of up to five years for online content "
        "'harming national unity', without defining the term.",
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
        "title_translation": "Blogger arrested over a post criticising rising prices",
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
        "title_translation": "إنستغرام يحذف مقطعاً لصحفي يوثّق احتجاجاً",
        "tags": ["protests"],
        # Recent, so that the six months to contest the removal (DSA Article 20) are still open.
        "days_ago": 20,
        "persons": [
            {
                "name": "Rania Haddad",
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
        "title_translation": "Rights activist's X account suspended after coordinated reporting",
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
        "title_translation": "قطع الإنترنت عبر الهاتف المحمول على مستوى البلاد خلال امتحانات المدارس",
        "tags": ["exams"],
        "persons": [],
        "violations": [{"type": "shutdown", "platform": "network", "actors": ["telecom_ministry"]}],
        "interventions": [
            {"kind": InterventionKind.MEDIA, "recipient": "Press", "status": InterventionStatus.ACTIONED, "sent": 5}
        ],
    },
    4: {
        "title_translation": "Independent news website blocked without a court order",
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
        "title_translation": "العثور على برنامج تجسس في هاتف محامية",
        "persons": [
            {
                "name": "Nadia Amrani",
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
        "title_translation": "TikTok content creator summoned for questioning over a satirical clip",
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
        "title_translation": "نشر المعلومات الشخصية لناشطة في مجال حقوق المرأة على تيليغرام",
        "tags": ["women defenders"],
        "persons": [
            {
                "name": "Amal Zintani",
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
        "title_translation": "Reach of a local news page's posts restricted",
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
        "title_translation": "الحكم على مدوّن بالسجن سنة بسبب مقطع على يوتيوب",
        "persons": [
            {
                "name": "Karim Bensaid",
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
        "title_translation": "Journalist's WhatsApp account hacked through a phishing message",
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
        "title_translation": "قانون جديد للجرائم الإلكترونية يجرّم «المساس بالوحدة الوطنية» على الإنترنت",
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


def _demo_content_items(officer, case, act: dict, violation) -> None:
    """Each web address an act records becomes a content item taken down that day, and put back a
    week later where the act's outcome says the content was restored: the content pages, escalations
    and the statistics' takedown outcomes have something to show."""
    urls = [line.strip() for line in act.get("content", "").splitlines() if line.strip().startswith("https://")]
    if not urls or violation.platform is None or violation.date is None or violation.date > timezone.localdate():
        return
    for url in urls:
        item = services.content_item_save(
            actor=officer,
            case=case,
            url=url,
            platform=violation.platform,
            removed_on=violation.date,
            stated_reason=act.get("stated_reason", ""),
            source=StatusSource.PLATFORM_NOTICE,
        )
        restored_on = violation.date + timedelta(days=7)
        if act.get("outcome") == "content_restored" and restored_on <= timezone.localdate():
            services.content_status_record(
                actor=officer,
                item=item,
                status=ContentStatus.RESTORED,
                on=restored_on,
                source=StatusSource.TEAM_CHECK,
            )


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
        case = services.case_create(
            actor=officer, tags=tags, title_translation=details.get("title_translation", ""), **fields
        )
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
        for act, violation in zip(details["violations"], violations, strict=False):
            _demo_content_items(officer, case, act, violation)
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
    return created
