"""Seeds the vocabularies in Arabic and English, moves each case's type and platform
to a violation of its own, fills the search columns, adds the PostgreSQL trigram
index that serves the search, and grants the new permissions to the roles."""

from django.db import migrations

from casebook.roles import grant_permissions

VIOLATION_TYPES = [
    ("content_removal", "Content removal", "حذف محتوى"),
    ("account_suspension", "Account suspension or deletion", "تعليق حساب أو حذفه"),
    ("visibility_restriction", "Visibility restriction (shadow ban)", "تقييد الظهور (الحظر الخفي)"),
    ("feature_restriction", "Feature or monetisation restriction", "تقييد الميزات أو تحقيق الدخل"),
    ("summons", "Summons or interrogation", "استدعاء أو استجواب"),
    ("arrest", "Arrest or detention", "اعتقال أو احتجاز"),
    ("prosecution", "Prosecution or charges", "ملاحقة قضائية أو توجيه تهم"),
    ("conviction", "Conviction", "إدانة"),
    ("travel_ban", "Travel ban", "منع من السفر"),
    ("device_seizure", "Device seizure or search", "مصادرة الأجهزة أو تفتيشها"),
    ("blocking", "Website or app blocking", "حجب موقع أو تطبيق"),
    ("shutdown", "Internet shutdown or throttling", "قطع الإنترنت أو إبطاؤه"),
    ("spyware", "Spyware or targeted malware", "برمجيات تجسس أو برمجيات خبيثة موجّهة"),
    ("account_hacking", "Account hacking or takeover", "اختراق حساب أو الاستيلاء عليه"),
    ("phishing", "Phishing", "تصيّد احتيالي"),
    ("doxxing", "Doxxing", "كشف معلومات شخصية (دوكسينغ)"),
    ("impersonation", "Impersonation", "انتحال شخصية"),
    ("incitement", "Incitement or hate speech", "تحريض أو خطاب كراهية"),
    ("harassment", "Harassment or threats", "مضايقة أو تهديد"),
    ("smear_campaign", "Smear or disinformation campaign", "حملة تشهير أو تضليل"),
    ("mass_reporting", "Coordinated mass reporting", "بلاغات جماعية منسّقة"),
    ("restrictive_law", "Restrictive law or regulation", "قانون أو تنظيم مقيِّد"),
]

# code, English, Arabic, target response time in days
PLATFORMS = [
    ("facebook", "Facebook", "فيسبوك", 7),
    ("instagram", "Instagram", "إنستغرام", 7),
    ("whatsapp", "WhatsApp", "واتساب", 7),
    ("messenger", "Messenger", "ماسنجر", 7),
    ("threads", "Threads", "ثريدز", 7),
    ("x", "X", "إكس", 10),
    ("youtube", "YouTube", "يوتيوب", 7),
    ("tiktok", "TikTok", "تيك توك", 7),
    ("telegram", "Telegram", "تيليغرام", 14),
    ("snapchat", "Snapchat", "سناب شات", 14),
    ("linkedin", "LinkedIn", "لينكدإن", 14),
    ("signal", "Signal", "سيغنال", 14),
    ("website", "Website or blog", "موقع إلكتروني أو مدوّنة", 14),
    ("network", "ISP or telecom network", "مزوّد إنترنت أو شبكة اتصالات", 14),
    ("other", "Other", "أخرى", 14),
]

ACTOR_TYPES = [
    ("security_agency", "Security or police agency", "جهاز أمني أو شرطة"),
    ("prosecution_court", "Prosecution or court", "نيابة عامة أو محكمة"),
    ("ministry_regulator", "Ministry or regulator", "وزارة أو هيئة تنظيمية"),
    ("isp_telecom", "ISP or telecom", "مزوّد إنترنت أو شركة اتصالات"),
    ("platform_company", "Platform company", "شركة منصّة"),
    ("non_state_group", "Non-state group", "جماعة من غير الدول"),
    ("unknown", "Unknown", "غير معروف"),
]

PROFESSIONS = [
    ("journalist", "Journalist", "صحفي/ة"),
    ("blogger", "Blogger or content creator", "مدوّن/ة أو صانع/ة محتوى"),
    ("hrd", "Human-rights defender", "مدافع/ة عن حقوق الإنسان"),
    ("activist", "Activist", "ناشط/ة"),
    ("lawyer", "Lawyer", "محامٍ/محامية"),
    ("academic", "Academic", "أكاديمي/ة"),
    ("artist", "Artist", "فنان/ة"),
    ("ordinary_user", "Ordinary user", "مستخدم/ة عادي/ة"),
    ("media_outlet", "Media outlet", "مؤسسة إعلامية"),
    ("organisation", "Organisation", "منظمة"),
]

OUTCOMES = [
    ("content_restored", "Content restored", "أُعيد المحتوى"),
    ("account_recovered", "Account recovered", "استُعيد الحساب"),
    ("released", "Released", "أُفرج عنه/ا"),
    ("released_on_bail", "Released on bail", "أُفرج عنه/ا بكفالة"),
    ("charges_dropped", "Charges dropped", "أُسقطت التهم"),
    ("acquitted", "Acquitted", "بُرّئ/ت"),
    ("sentenced", "Sentenced", "صدر حكم بالإدانة"),
    ("fined", "Fined", "فُرضت غرامة"),
    ("still_detained", "Still detained", "لا يزال/تزال رهن الاحتجاز"),
    ("access_restored", "Access restored", "أُعيد الوصول"),
    ("no_change", "No change", "لا تغيير"),
    ("unknown", "Not known", "غير معروف"),
]


def seed(apps, schema_editor):
    for model_name, rows in (
        ("ViolationType", VIOLATION_TYPES),
        ("ActorType", ACTOR_TYPES),
        ("Profession", PROFESSIONS),
        ("Outcome", OUTCOMES),
    ):
        model = apps.get_model("cases", model_name)
        for position, (code, english, arabic) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"label_en": english, "label_ar": arabic, "position": position}
            )
    Platform = apps.get_model("cases", "Platform")
    for position, (code, english, arabic, days) in enumerate(PLATFORMS):
        Platform.objects.update_or_create(
            code=code, defaults={"label_en": english, "label_ar": arabic, "position": position, "response_days": days}
        )


def move_type_and_platform(apps, schema_editor):
    """Each case of the first version had one type and one platform: they become its first violation."""
    from cases.search import normalise

    Case = apps.get_model("cases", "Case")
    Violation = apps.get_model("cases", "Violation")
    HistoricalViolation = apps.get_model("cases", "HistoricalViolation")
    ViolationType = apps.get_model("cases", "ViolationType")
    Platform = apps.get_model("cases", "Platform")
    types = {row.code: row for row in ViolationType.objects.all()}
    platforms = {row.code: row for row in Platform.objects.all()}
    for case in Case.objects.all().iterator():
        if case.violation_type in types:
            violation = Violation.objects.create(
                case=case,
                violation_type=types[case.violation_type],
                platform=platforms.get(case.platform),
                date=case.start_date,
            )
            HistoricalViolation.objects.create(
                id=violation.pk,
                case_id=case.pk,
                violation_type_id=violation.violation_type_id,
                platform_id=violation.platform_id,
                date=violation.date,
                date_precision=violation.date_precision,
                created_at=violation.created_at,
                history_date=violation.created_at,
                history_type="+",
                history_change_reason="Moved from the case by migration 0004",
            )
        words = " ".join([case.reference, case.title, case.narrative, types[case.violation_type].label_en if case.violation_type in types else ""])
        case.search_text = normalise(words)
        case.save(update_fields=["search_text"])


TRIGRAM_INDEXES = [
    "CREATE INDEX IF NOT EXISTS case_search_trgm_idx ON cases_case USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS case_people_search_trgm_idx ON cases_case USING gin (people_search_text gin_trgm_ops)",
]


def add_trigram_indexes(apps, schema_editor):
    """PostgreSQL only: a trigram GIN index lets ``LIKE '%word%'`` on the search columns use an index."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in TRIGRAM_INDEXES:
        schema_editor.execute(statement)


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_search_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS case_people_search_trgm_idx")


RECORD = ["violation", "person", "intervention"]
GRANTS = {
    "Documentation officer": [
        "archive_case",
        "export_case",
        "add_legal_review",
        "view_personal_data",
        "view_actor",
        "add_actor",
        *[f"{action}_{model}" for model in RECORD for action in ("add", "change", "view")],
        *[f"{action}_tag" for action in ("add", "view")],
        "add_caselink",
        "view_caselink",
        "view_legalreviewnote",
    ],
    "Advocacy officer": [
        "export_case",
        "view_actor",
        "view_tag",
        "view_caselink",
        "view_legalreviewnote",
        *[f"view_{model}" for model in RECORD],
    ],
    "Legal partner": ["add_legal_review"],
    "Administrator": [
        "archive_case",
        "reopen_case",
        "export_case",
        "add_legal_review",
        "view_personal_data",
        *[
            f"{action}_{model}"
            for model in [
                *RECORD,
                "actor",
                "tag",
                "caselink",
                "violationtype",
                "platform",
                "actortype",
                "profession",
                "outcome",
                "sensitivityclearance",
            ]
            for action in ("add", "change", "view")
        ],
        "view_legalreviewnote",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "cases", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_record")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(move_type_and_platform, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
