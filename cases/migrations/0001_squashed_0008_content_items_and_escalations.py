"""Migrations 0001 to 0008 in one: the schema as it stands after 0008, then what a
fresh database needs besides tables: the vocabularies in Arabic and English, the
roles' permissions, and on PostgreSQL the word-prefix search index.

Left out, because they only convert rows that a fresh database does not have:
0004's move of each case's type and platform to a violation, 0006's filling of
the prefix column, 0007's consent booleans turned into statuses. 0004's trigram
indexes (and the pg_trgm extension they needed) are left out too: 0006
replaced them by the prefix index.

A database migrated with 0001-0008 already has all of this and records this
migration as applied; a fresh one runs only this migration.
"""

import cases.search
import django.db.models.deletion
import django.db.models.manager
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from casebook.roles import grant_permissions


# Frozen copies of the vocabularies of 0004: a migration must not follow later edits of application code.
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


# The grants of 0002, 0004 and 0008, role by role.
RECORD = ["violation", "person", "intervention"]
CONTENT = ["contentitem", "escalation", "escalationitem"]
GRANTS = {
    "Documentation officer": [
        "add_case",
        "change_case",
        "view_case",
        "share_case",
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
        *[f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view")],
    ],
    "Advocacy officer": [
        "view_case",
        "export_case",
        "view_actor",
        "view_tag",
        "view_caselink",
        "view_legalreviewnote",
        *[f"view_{model}" for model in RECORD],
        *[f"view_{model}" for model in CONTENT],
    ],
    "Legal partner": ["add_legal_review"],
    "Administrator": [
        "add_case",
        "change_case",
        "view_case",
        "share_case",
        "view_restricted_case",
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
                *CONTENT,
            ]
            for action in ("add", "change", "view")
        ],
        "view_legalreviewnote",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "cases", GRANTS)


def add_search_index(apps, schema_editor):
    """PostgreSQL only, as 0006 left it: long values out of the rows, a GIN index on the word prefixes."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE cases_case SET (toast_tuple_target = 256)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS case_search_prefix_idx ON cases_case USING gin (search_prefixes)")


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_search_prefix_idx")
    schema_editor.execute("ALTER TABLE cases_case RESET (toast_tuple_target)")


class Migration(migrations.Migration):


    initial = True

    replaces = [
        ("cases", "0001_initial"),
        ("cases", "0002_role_permissions"),
        ("cases", "0003_record"),
        ("cases", "0004_taxonomies_and_moved_fields"),
        ("cases", "0005_remove_case_type_and_platform"),
        ("cases", "0006_word_prefix_search_index"),
        ("cases", "0007_person_spellings_consent_status"),
        ("cases", "0008_content_items_and_escalations"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("casebook", "0001_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActorType',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
            ],
            options={
                'verbose_name': 'actor type',
                'verbose_name_plural': 'actor types',
                'ordering': ['position', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Outcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
            ],
            options={
                'verbose_name': 'outcome',
                'verbose_name_plural': 'outcomes',
                'ordering': ['position', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Platform',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('response_days', models.PositiveSmallIntegerField(default=14, help_text='Days given to the platform to answer an escalation; halved when the matter is urgent.', verbose_name='target response time (days)')),
            ],
            options={
                'verbose_name': 'platform',
                'verbose_name_plural': 'platforms',
                'ordering': ['position', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Profession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
            ],
            options={
                'verbose_name': 'profession',
                'verbose_name_plural': 'professions',
                'ordering': ['position', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ReferenceCounter',
            fields=[
                ('year', models.PositiveIntegerField(primary_key=True, serialize=False)),
                ('last_number', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80, unique=True, verbose_name='name')),
            ],
            options={
                'verbose_name': 'tag',
                'verbose_name_plural': 'tags',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Actor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name in English')),
                ('name_ar', models.CharField(blank=True, max_length=200, verbose_name='name in Arabic')),
                ('other_names', models.TextField(blank=True, help_text='One per line: acronyms, former names, spellings.', verbose_name='other spellings and aliases')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('actor_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actors', to='cases.actortype', verbose_name='actor type')),
            ],
            options={
                'verbose_name': 'actor',
                'verbose_name_plural': 'actors',
                'ordering': ['name_en', 'name_ar', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Case',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(editable=False, max_length=20, unique=True, verbose_name='reference')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_translation', models.CharField(blank=True, max_length=300, verbose_name='title, translated')),
                ('narrative', models.TextField(blank=True, verbose_name='narrative')),
                ('narrative_translation', models.TextField(blank=True, verbose_name='narrative, translated')),
                ('language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English')], default='en', max_length=2, verbose_name='original language')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='start date')),
                ('start_date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='start date precision')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='end date')),
                ('end_date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='end date precision')),
                ('country', django_countries.fields.CountryField(max_length=2, verbose_name='country')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('status', models.CharField(choices=[('intake', 'Intake'), ('under_verification', 'Under verification'), ('verified', 'Verified'), ('escalated', 'Escalated'), ('closed', 'Closed')], default='intake', max_length=20, verbose_name='status')),
                ('verification_level', models.CharField(choices=[('unverified', 'Not verified'), ('single_source', 'One source'), ('corroborated', 'Corroborated by independent sources'), ('confirmed', 'Confirmed (documents or direct evidence)')], default='unverified', max_length=20, verbose_name='verification level')),
                ('sensitivity', models.CharField(choices=[('normal', 'Normal'), ('sensitive', 'Sensitive'), ('restricted', 'Restricted')], default='sensitive', max_length=12, verbose_name='sensitivity')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='archived')),
                ('archive_reason', models.TextField(blank=True, editable=False, verbose_name='reason for archiving')),
                ('search_text', models.TextField(default='', editable=False)),
                ('people_search_text', models.TextField(default='', editable=False)),
                ('search_prefixes', cases.search.WordPrefixesField(editable=False, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('archived_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='archived by')),
                ('assigned_officers', models.ManyToManyField(blank=True, related_name='assigned_cases', to=settings.AUTH_USER_MODEL, verbose_name='assigned officers')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('tags', models.ManyToManyField(blank=True, related_name='cases', to='cases.tag', verbose_name='tags')),
            ],
            options={
                'verbose_name': 'case',
                'verbose_name_plural': 'cases',
                'ordering': ['-created_at', '-id'],
                'permissions': [('share_case', 'Can share a case with a legal partner'), ('view_restricted_case', 'Can view restricted cases without being assigned'), ('archive_case', 'Can archive and restore a case'), ('reopen_case', 'Can reopen a closed case'), ('export_case', 'Can export the list of cases'), ('add_legal_review', 'Can add a legal review note to a visible case')],
            },
        ),
        migrations.CreateModel(
            name='ContentItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000, verbose_name='URL')),
                ('kind', models.CharField(choices=[('post', 'Post'), ('story', 'Story'), ('comment', 'Comment'), ('video', 'Video'), ('account', 'Account'), ('page', 'Page'), ('group', 'Group'), ('hashtag', 'Hashtag')], default='post', max_length=12, verbose_name='kind')),
                ('content_id', models.CharField(blank=True, max_length=200, verbose_name="platform's id of the content")),
                ('author_handle', models.CharField(blank=True, max_length=200, verbose_name='author handle as shown')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='date published')),
                ('removed_on', models.DateField(blank=True, null=True, verbose_name='date removed')),
                ('stated_reason', models.TextField(blank=True, verbose_name='reason stated by the platform')),
                ('policy', models.CharField(blank=True, max_length=300, verbose_name='policy cited')),
                ('statement_of_reasons_id', models.CharField(blank=True, help_text="As given in the platform's notice or the DSA Transparency Database.", max_length=200, verbose_name='DSA statement-of-reasons id')),
                ('blocked_in', django_countries.fields.CountryField(blank=True, max_length=746, multiple=True, verbose_name='blocked in')),
                ('status', models.CharField(choices=[('online', 'Online'), ('removed', 'Removed'), ('restricted', 'Restricted or reduced reach'), ('geo_blocked', 'Geo-blocked'), ('suspended', 'Account suspended'), ('restored', 'Restored'), ('reinstated', 'Reinstated'), ('upheld', 'Removal upheld')], default='removed', editable=False, max_length=12, verbose_name='status')),
                ('status_on', models.DateField(blank=True, editable=False, null=True, verbose_name='status since')),
                ('checked_on', models.DateField(blank=True, editable=False, null=True, verbose_name='last checked')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='content_items', to='cases.case', verbose_name='case')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('platform', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='content_items', to='cases.platform', verbose_name='platform')),
            ],
            options={
                'verbose_name': 'content item',
                'verbose_name_plural': 'content items',
                'ordering': ['created_at', 'id'],
                'base_manager_name': 'all_objects',
                'default_manager_name': 'objects',
            },
            managers=[
                ('all_objects', django.db.models.manager.Manager()),
                ('objects', django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name='Escalation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.CharField(blank=True, help_text='Trusted partner channel, trusted flagger portal…', max_length=200, verbose_name='channel')),
                ('urgency', models.CharField(choices=[('normal', 'Normal'), ('urgent', 'Urgent (risk to a person)')], default='normal', max_length=8, verbose_name='urgency')),
                ('summary', models.TextField(blank=True, verbose_name='what is asked')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('answered', 'Answered'), ('closed', 'Closed')], default='draft', max_length=10, verbose_name='status')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='date sent')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='answer due')),
                ('external_reference', models.CharField(blank=True, max_length=200, verbose_name='reference given by the platform')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'verbose_name': 'escalation',
                'verbose_name_plural': 'escalations',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='EscalationItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('answer', models.CharField(blank=True, choices=[('restored', 'Restored or reinstated'), ('upheld', 'Removal upheld'), ('restricted', 'Kept restricted'), ('no_answer', 'No answer on this item')], max_length=12, verbose_name="platform's answer")),
                ('answered_on', models.DateField(blank=True, null=True, verbose_name='answered on')),
                ('answer_note', models.TextField(blank=True, verbose_name='what the platform said')),
                ('appeal_deadline', models.DateField(blank=True, editable=False, null=True, verbose_name='last day to appeal')),
                ('appeal_step', models.CharField(blank=True, choices=[('', 'None'), ('complaint', 'Internal complaint lodged (DSA Article 20)'), ('complaint_won', 'Complaint upheld: decision reversed'), ('complaint_lost', 'Complaint rejected'), ('dispute', 'Referred to an out-of-court dispute body (DSA Article 21)'), ('dispute_won', 'Dispute body found for the user'), ('dispute_lost', 'Dispute body upheld the decision')], max_length=16, verbose_name='appeal')),
                ('appeal_step_on', models.DateField(blank=True, null=True, verbose_name='appeal step on')),
                ('dispute_body', models.CharField(blank=True, max_length=200, verbose_name='out-of-court dispute body')),
                ('escalation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='cases.escalation', verbose_name='escalation')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='escalation_entries', to='cases.contentitem', verbose_name='content item')),
            ],
            options={
                'verbose_name': 'escalated item',
                'verbose_name_plural': 'escalated items',
                'ordering': ['escalation', 'id'],
            },
        ),
        migrations.AddField(
            model_name='escalation',
            name='items',
            field=models.ManyToManyField(related_name='escalations', through='cases.EscalationItem', to='cases.contentitem', verbose_name='content items'),
        ),
        migrations.CreateModel(
            name='HistoricalActor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name in English')),
                ('name_ar', models.CharField(blank=True, max_length=200, verbose_name='name in Arabic')),
                ('other_names', models.TextField(blank=True, help_text='One per line: acronyms, former names, spellings.', verbose_name='other spellings and aliases')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('actor_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.actortype', verbose_name='actor type')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical actor',
                'verbose_name_plural': 'historical actors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActorType',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical actor type',
                'verbose_name_plural': 'historical actor types',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCase',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('reference', models.CharField(db_index=True, editable=False, max_length=20, verbose_name='reference')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_translation', models.CharField(blank=True, max_length=300, verbose_name='title, translated')),
                ('narrative', models.TextField(blank=True, verbose_name='narrative')),
                ('narrative_translation', models.TextField(blank=True, verbose_name='narrative, translated')),
                ('language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English')], default='en', max_length=2, verbose_name='original language')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='start date')),
                ('start_date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='start date precision')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='end date')),
                ('end_date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='end date precision')),
                ('country', django_countries.fields.CountryField(max_length=2, verbose_name='country')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('status', models.CharField(choices=[('intake', 'Intake'), ('under_verification', 'Under verification'), ('verified', 'Verified'), ('escalated', 'Escalated'), ('closed', 'Closed')], default='intake', max_length=20, verbose_name='status')),
                ('verification_level', models.CharField(choices=[('unverified', 'Not verified'), ('single_source', 'One source'), ('corroborated', 'Corroborated by independent sources'), ('confirmed', 'Confirmed (documents or direct evidence)')], default='unverified', max_length=20, verbose_name='verification level')),
                ('sensitivity', models.CharField(choices=[('normal', 'Normal'), ('sensitive', 'Sensitive'), ('restricted', 'Restricted')], default='sensitive', max_length=12, verbose_name='sensitivity')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='archived')),
                ('archive_reason', models.TextField(blank=True, editable=False, verbose_name='reason for archiving')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('archived_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='archived by')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical case',
                'verbose_name_plural': 'historical cases',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCase_assigned_officers',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='cases.historicalcase')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'HistoricalCase_assigned_officers',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCaseLink',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('same_campaign', 'Same campaign'), ('same_person', 'Same person'), ('related', 'Related')], default='related', max_length=20, verbose_name='link')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('to_case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case')),
            ],
            options={
                'verbose_name': 'historical linked case',
                'verbose_name_plural': 'historical linked cases',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEscalationItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('answer', models.CharField(blank=True, choices=[('restored', 'Restored or reinstated'), ('upheld', 'Removal upheld'), ('restricted', 'Kept restricted'), ('no_answer', 'No answer on this item')], max_length=12, verbose_name="platform's answer")),
                ('answered_on', models.DateField(blank=True, null=True, verbose_name='answered on')),
                ('answer_note', models.TextField(blank=True, verbose_name='what the platform said')),
                ('appeal_deadline', models.DateField(blank=True, editable=False, null=True, verbose_name='last day to appeal')),
                ('appeal_step', models.CharField(blank=True, choices=[('', 'None'), ('complaint', 'Internal complaint lodged (DSA Article 20)'), ('complaint_won', 'Complaint upheld: decision reversed'), ('complaint_lost', 'Complaint rejected'), ('dispute', 'Referred to an out-of-court dispute body (DSA Article 21)'), ('dispute_won', 'Dispute body found for the user'), ('dispute_lost', 'Dispute body upheld the decision')], max_length=16, verbose_name='appeal')),
                ('appeal_step_on', models.DateField(blank=True, null=True, verbose_name='appeal step on')),
                ('dispute_body', models.CharField(blank=True, max_length=200, verbose_name='out-of-court dispute body')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('escalation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.escalation', verbose_name='escalation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.contentitem', verbose_name='content item')),
            ],
            options={
                'verbose_name': 'historical escalated item',
                'verbose_name_plural': 'historical escalated items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalLegalReviewNote',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.TextField(verbose_name='legal review')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='written')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical legal review note',
                'verbose_name_plural': 'historical legal review notes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOutcome',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical outcome',
                'verbose_name_plural': 'historical outcomes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPlatform',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('response_days', models.PositiveSmallIntegerField(default=14, help_text='Days given to the platform to answer an escalation; halved when the matter is urgent.', verbose_name='target response time (days)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical platform',
                'verbose_name_plural': 'historical platforms',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProfession',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical profession',
                'verbose_name_plural': 'historical professions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSensitivityClearance',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('level', models.CharField(choices=[('normal', 'Normal'), ('sensitive', 'Sensitive')], default='normal', max_length=12, verbose_name='highest sensitivity')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'historical sensitivity clearance',
                'verbose_name_plural': 'historical sensitivity clearances',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTag',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=80, verbose_name='name')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical tag',
                'verbose_name_plural': 'historical tags',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalViolation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='date precision')),
                ('description', models.TextField(blank=True, verbose_name='what happened')),
                ('legal_basis', models.CharField(blank=True, help_text='Law and article, e.g. a cybercrime law.', max_length=300, verbose_name='legal basis invoked')),
                ('content_concerned', models.TextField(blank=True, help_text='URLs, post IDs, account handles; one per line.', verbose_name='content concerned')),
                ('stated_reason', models.TextField(blank=True, verbose_name='stated reason')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.outcome', verbose_name='outcome')),
                ('platform', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.platform', verbose_name='platform or channel')),
            ],
            options={
                'verbose_name': 'historical violation',
                'verbose_name_plural': 'historical violations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LegalReviewNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='legal review')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_notes', to='cases.case', verbose_name='case')),
            ],
            options={
                'verbose_name': 'legal review note',
                'verbose_name_plural': 'legal review notes',
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('affected', 'Affected person'), ('responsible', 'Responsible individual'), ('source', 'Source'), ('witness', 'Witness')], default='affected', max_length=12, verbose_name='role in the case')),
                ('name', models.CharField(blank=True, help_text='In its own script, Arabic or Latin.', max_length=200, verbose_name='name as written')),
                ('name_latin', models.CharField(blank=True, help_text='The same name in Latin script for an Arabic name, in Arabic script for a Latin one.', max_length=200, verbose_name='name in the other script')),
                ('other_names', models.TextField(blank=True, help_text='One per line: other spellings, nicknames, kunya, the name a platform shows, a distinctive family name alone. Every spelling is withheld wherever the name is.', verbose_name='other spellings and aliases')),
                ('pseudonym', models.CharField(blank=True, help_text='Used wherever the name may not appear.', max_length=100, verbose_name='pseudonym')),
                ('gender', models.CharField(choices=[('female', 'Woman'), ('male', 'Man'), ('other', 'Another gender'), ('unknown', 'Not known or not disclosed')], default='unknown', max_length=10, verbose_name='gender')),
                ('age_group', models.CharField(choices=[('child', 'Under 18'), ('18_29', '18–29'), ('30_44', '30–44'), ('45_64', '45–64'), ('65_plus', '65 and over'), ('unknown', 'Not known')], default='unknown', max_length=10, verbose_name='age group')),
                ('affiliation', models.CharField(blank=True, max_length=300, verbose_name='affiliation or activities')),
                ('contact', models.TextField(blank=True, verbose_name='contact details')),
                ('consent_state_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To be named to the State or company concerned')),
                ('consent_state_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_state_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('consent_public_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To be named in public reports')),
                ('consent_public_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_public_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('consent_platform_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To have the case raised with a platform')),
                ('consent_platform_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_platform_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='persons', to='cases.case', verbose_name='case')),
                ('profession', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.profession', verbose_name='profession')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'persons',
                'ordering': ['created_at', 'id'],
                'permissions': [('view_personal_data', 'Can see names and contact details of persons')],
                'base_manager_name': 'all_objects',
                'default_manager_name': 'objects',
            },
            managers=[
                ('all_objects', django.db.models.manager.Manager()),
                ('objects', django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalEscalation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('channel', models.CharField(blank=True, help_text='Trusted partner channel, trusted flagger portal…', max_length=200, verbose_name='channel')),
                ('urgency', models.CharField(choices=[('normal', 'Normal'), ('urgent', 'Urgent (risk to a person)')], default='normal', max_length=8, verbose_name='urgency')),
                ('summary', models.TextField(blank=True, verbose_name='what is asked')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('answered', 'Answered'), ('closed', 'Closed')], default='draft', max_length=10, verbose_name='status')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='date sent')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='answer due')),
                ('external_reference', models.CharField(blank=True, max_length=200, verbose_name='reference given by the platform')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('platform', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.platform', verbose_name='platform')),
            ],
            options={
                'verbose_name': 'historical escalation',
                'verbose_name_plural': 'historical escalations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalContentItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('url', models.URLField(max_length=2000, verbose_name='URL')),
                ('kind', models.CharField(choices=[('post', 'Post'), ('story', 'Story'), ('comment', 'Comment'), ('video', 'Video'), ('account', 'Account'), ('page', 'Page'), ('group', 'Group'), ('hashtag', 'Hashtag')], default='post', max_length=12, verbose_name='kind')),
                ('content_id', models.CharField(blank=True, max_length=200, verbose_name="platform's id of the content")),
                ('author_handle', models.CharField(blank=True, max_length=200, verbose_name='author handle as shown')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='date published')),
                ('removed_on', models.DateField(blank=True, null=True, verbose_name='date removed')),
                ('stated_reason', models.TextField(blank=True, verbose_name='reason stated by the platform')),
                ('policy', models.CharField(blank=True, max_length=300, verbose_name='policy cited')),
                ('statement_of_reasons_id', models.CharField(blank=True, help_text="As given in the platform's notice or the DSA Transparency Database.", max_length=200, verbose_name='DSA statement-of-reasons id')),
                ('blocked_in', django_countries.fields.CountryField(blank=True, max_length=746, multiple=True, verbose_name='blocked in')),
                ('status', models.CharField(choices=[('online', 'Online'), ('removed', 'Removed'), ('restricted', 'Restricted or reduced reach'), ('geo_blocked', 'Geo-blocked'), ('suspended', 'Account suspended'), ('restored', 'Restored'), ('reinstated', 'Reinstated'), ('upheld', 'Removal upheld')], default='removed', editable=False, max_length=12, verbose_name='status')),
                ('status_on', models.DateField(blank=True, editable=False, null=True, verbose_name='status since')),
                ('checked_on', models.DateField(blank=True, editable=False, null=True, verbose_name='last checked')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('platform', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.platform', verbose_name='platform')),
            ],
            options={
                'verbose_name': 'historical content item',
                'verbose_name_plural': 'historical content items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='escalation',
            name='platform',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='escalations', to='cases.platform', verbose_name='platform'),
        ),
        migrations.CreateModel(
            name='HistoricalPerson',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('affected', 'Affected person'), ('responsible', 'Responsible individual'), ('source', 'Source'), ('witness', 'Witness')], default='affected', max_length=12, verbose_name='role in the case')),
                ('name', models.CharField(blank=True, help_text='In its own script, Arabic or Latin.', max_length=200, verbose_name='name as written')),
                ('name_latin', models.CharField(blank=True, help_text='The same name in Latin script for an Arabic name, in Arabic script for a Latin one.', max_length=200, verbose_name='name in the other script')),
                ('other_names', models.TextField(blank=True, help_text='One per line: other spellings, nicknames, kunya, the name a platform shows, a distinctive family name alone. Every spelling is withheld wherever the name is.', verbose_name='other spellings and aliases')),
                ('pseudonym', models.CharField(blank=True, help_text='Used wherever the name may not appear.', max_length=100, verbose_name='pseudonym')),
                ('gender', models.CharField(choices=[('female', 'Woman'), ('male', 'Man'), ('other', 'Another gender'), ('unknown', 'Not known or not disclosed')], default='unknown', max_length=10, verbose_name='gender')),
                ('age_group', models.CharField(choices=[('child', 'Under 18'), ('18_29', '18–29'), ('30_44', '30–44'), ('45_64', '45–64'), ('65_plus', '65 and over'), ('unknown', 'Not known')], default='unknown', max_length=10, verbose_name='age group')),
                ('affiliation', models.CharField(blank=True, max_length=300, verbose_name='affiliation or activities')),
                ('contact', models.TextField(blank=True, verbose_name='contact details')),
                ('consent_state_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To be named to the State or company concerned')),
                ('consent_state_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_state_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('consent_public_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To be named in public reports')),
                ('consent_public_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_public_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('consent_platform_status', models.CharField(choices=[('not_asked', 'Not asked'), ('given', 'Given'), ('refused', 'Refused'), ('withdrawn', 'Withdrawn')], default='not_asked', max_length=10, verbose_name='To have the case raised with a platform')),
                ('consent_platform_date', models.DateField(blank=True, null=True, verbose_name='date of this status')),
                ('consent_platform_method', models.CharField(blank=True, choices=[('written', 'In writing, signed'), ('oral', 'Orally, noted by the officer'), ('recorded', 'Orally, recorded'), ('message', 'By secure message'), ('representative', 'Through a lawyer or representative')], max_length=16, verbose_name='how expressed')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('profession', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.profession', verbose_name='profession')),
            ],
            options={
                'verbose_name': 'historical person',
                'verbose_name_plural': 'historical persons',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SensitivityClearance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(choices=[('normal', 'Normal'), ('sensitive', 'Sensitive')], default='normal', max_length=12, verbose_name='highest sensitivity')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='case_clearance', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'sensitivity clearance',
                'verbose_name_plural': 'sensitivity clearances',
            },
        ),
        migrations.CreateModel(
            name='HistoricalCase_tags',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='cases.historicalcase')),
                ('tag', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.tag')),
            ],
            options={
                'verbose_name': 'HistoricalCase_tags',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Violation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'Exact day'), ('month', 'Month only'), ('year', 'Year only'), ('approximate', 'Approximate')], default='day', max_length=12, verbose_name='date precision')),
                ('description', models.TextField(blank=True, verbose_name='what happened')),
                ('legal_basis', models.CharField(blank=True, help_text='Law and article, e.g. a cybercrime law.', max_length=300, verbose_name='legal basis invoked')),
                ('content_concerned', models.TextField(blank=True, help_text='URLs, post IDs, account handles; one per line.', verbose_name='content concerned')),
                ('stated_reason', models.TextField(blank=True, verbose_name='stated reason')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('actors', models.ManyToManyField(blank=True, related_name='violations', to='cases.actor', verbose_name='responsible actors')),
                ('affected_persons', models.ManyToManyField(blank=True, related_name='violations_suffered', to='cases.person', verbose_name='affected persons')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='violations', to='cases.case', verbose_name='case')),
                ('outcome', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.outcome', verbose_name='outcome')),
                ('platform', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='violations', to='cases.platform', verbose_name='platform or channel')),
            ],
            options={
                'verbose_name': 'violation',
                'verbose_name_plural': 'violations',
                'ordering': ['date', 'created_at', 'id'],
                'base_manager_name': 'all_objects',
                'default_manager_name': 'objects',
            },
            managers=[
                ('all_objects', django.db.models.manager.Manager()),
                ('objects', django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name='Intervention',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('platform_escalation', 'Platform escalation'), ('un_communication', 'UN Special Procedures communication'), ('upr_submission', 'UPR submission'), ('eu_brief', 'Brief to an EU delegation'), ('dsa_notice', 'DSA Article 16 notice'), ('dsa_complaint', 'DSA Article 20 complaint'), ('complaint', 'Complaint'), ('legal_action', 'Legal action'), ('media', 'Media release')], max_length=24, verbose_name='kind')),
                ('recipient', models.CharField(max_length=200, verbose_name='recipient')),
                ('channel', models.CharField(blank=True, help_text='Form, e-mail, portal, letter…', max_length=200, verbose_name='channel')),
                ('urgency', models.CharField(choices=[('normal', 'Normal'), ('urgent', 'Urgent (risk to a person)')], default='normal', max_length=8, verbose_name='urgency')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='date sent')),
                ('external_reference', models.CharField(blank=True, max_length=200, verbose_name='reference given by the recipient')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('acknowledged', 'Acknowledged'), ('actioned', 'Actioned'), ('content_restored', 'Content restored'), ('refused', 'Refused'), ('no_response', 'No response')], default='draft', max_length=20, verbose_name='status')),
                ('summary', models.TextField(blank=True, verbose_name='what was asked')),
                ('response_date', models.DateField(blank=True, null=True, verbose_name='response date')),
                ('response_text', models.TextField(blank=True, verbose_name='response')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='cases.case', verbose_name='case')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('platform', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.platform', verbose_name='platform')),
                ('violation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='cases.violation', verbose_name='act concerned')),
            ],
            options={
                'verbose_name': 'intervention',
                'verbose_name_plural': 'interventions',
                'ordering': ['sent_on', 'created_at', 'id'],
                'base_manager_name': 'all_objects',
                'default_manager_name': 'objects',
            },
            managers=[
                ('all_objects', django.db.models.manager.Manager()),
                ('objects', django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalViolation_affected_persons',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='cases.historicalviolation')),
                ('person', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.person')),
                ('violation', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.violation')),
            ],
            options={
                'verbose_name': 'HistoricalViolation_affected_persons',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalViolation_actors',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.actor')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='cases.historicalviolation')),
                ('violation', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.violation')),
            ],
            options={
                'verbose_name': 'HistoricalViolation_actors',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalIntervention',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('platform_escalation', 'Platform escalation'), ('un_communication', 'UN Special Procedures communication'), ('upr_submission', 'UPR submission'), ('eu_brief', 'Brief to an EU delegation'), ('dsa_notice', 'DSA Article 16 notice'), ('dsa_complaint', 'DSA Article 20 complaint'), ('complaint', 'Complaint'), ('legal_action', 'Legal action'), ('media', 'Media release')], max_length=24, verbose_name='kind')),
                ('recipient', models.CharField(max_length=200, verbose_name='recipient')),
                ('channel', models.CharField(blank=True, help_text='Form, e-mail, portal, letter…', max_length=200, verbose_name='channel')),
                ('urgency', models.CharField(choices=[('normal', 'Normal'), ('urgent', 'Urgent (risk to a person)')], default='normal', max_length=8, verbose_name='urgency')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='date sent')),
                ('external_reference', models.CharField(blank=True, max_length=200, verbose_name='reference given by the recipient')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('acknowledged', 'Acknowledged'), ('actioned', 'Actioned'), ('content_restored', 'Content restored'), ('refused', 'Refused'), ('no_response', 'No response')], default='draft', max_length=20, verbose_name='status')),
                ('summary', models.TextField(blank=True, verbose_name='what was asked')),
                ('response_date', models.DateField(blank=True, null=True, verbose_name='response date')),
                ('response_text', models.TextField(blank=True, verbose_name='response')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('removed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed from the case')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('platform', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.platform', verbose_name='platform')),
                ('violation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.violation', verbose_name='act concerned')),
            ],
            options={
                'verbose_name': 'historical intervention',
                'verbose_name_plural': 'historical interventions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ViolationType',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='cases.violationtype', verbose_name='parent')),
            ],
            options={
                'verbose_name': 'violation type',
                'verbose_name_plural': 'violation types',
                'ordering': ['position', 'code'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='violation',
            name='violation_type',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='violations', to='cases.violationtype', verbose_name='violation type'),
        ),
        migrations.CreateModel(
            name='HistoricalViolationType',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('label_en', models.CharField(max_length=120, verbose_name='English label')),
                ('label_ar', models.CharField(max_length=120, verbose_name='Arabic label')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position in lists')),
                ('is_active', models.BooleanField(default=True, verbose_name='offered in forms')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.violationtype', verbose_name='parent')),
            ],
            options={
                'verbose_name': 'historical violation type',
                'verbose_name_plural': 'historical violation types',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='historicalviolation',
            name='violation_type',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.violationtype', verbose_name='violation type'),
        ),
        migrations.CreateModel(
            name='CaseGroupObjectPermission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='cases.case')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.group')),
                ('permission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission')),
            ],
            options={
                'abstract': False,
                'unique_together': {('group', 'permission', 'content_object')},
            },
        ),
        migrations.CreateModel(
            name='CaseLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('same_campaign', 'Same campaign'), ('same_person', 'Same person'), ('related', 'Related')], default='related', max_length=20, verbose_name='link')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_from', to='cases.case')),
                ('to_case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_to', to='cases.case')),
            ],
            options={
                'verbose_name': 'linked case',
                'verbose_name_plural': 'linked cases',
                'constraints': [models.UniqueConstraint(fields=('from_case', 'to_case'), name='case_link_once'), models.CheckConstraint(condition=models.Q(('from_case', models.F('to_case')), _negated=True), name='case_link_not_self')],
            },
        ),
        migrations.CreateModel(
            name='CaseUserObjectPermission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='cases.case')),
                ('permission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'abstract': False,
                'unique_together': {('user', 'permission', 'content_object')},
            },
        ),
        migrations.CreateModel(
            name='ContentStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('online', 'Online'), ('removed', 'Removed'), ('restricted', 'Restricted or reduced reach'), ('geo_blocked', 'Geo-blocked'), ('suspended', 'Account suspended'), ('restored', 'Restored'), ('reinstated', 'Reinstated'), ('upheld', 'Removal upheld')], max_length=12, verbose_name='status')),
                ('previous_status', models.CharField(blank=True, choices=[('online', 'Online'), ('removed', 'Removed'), ('restricted', 'Restricted or reduced reach'), ('geo_blocked', 'Geo-blocked'), ('suspended', 'Account suspended'), ('restored', 'Restored'), ('reinstated', 'Reinstated'), ('upheld', 'Removal upheld')], max_length=12, verbose_name='previous status')),
                ('on', models.DateField(verbose_name='date')),
                ('source', models.CharField(choices=[('platform_notice', 'Platform notice'), ('user_report', 'User report'), ('team_check', 'Check by the team')], max_length=16, verbose_name='according to')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='status_changes', to='cases.contentitem', verbose_name='content item')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'status change',
                'verbose_name_plural': 'status changes',
                'ordering': ['on', 'recorded_at', 'id'],
                'indexes': [models.Index(fields=['item', 'on'], name='content_status_item_on_idx')],
            },
        ),
        migrations.AddIndex(
            model_name='escalationitem',
            index=models.Index(fields=['appeal_deadline'], name='escalation_appeal_deadline_idx'),
        ),
        migrations.AddConstraint(
            model_name='escalationitem',
            constraint=models.UniqueConstraint(fields=('escalation', 'item'), name='escalation_item_once'),
        ),
        migrations.AddIndex(
            model_name='escalation',
            index=models.Index(fields=['status', 'due_date'], name='escalation_open_due_idx'),
        ),
        migrations.AddIndex(
            model_name='contentitem',
            index=models.Index(fields=['status', 'checked_on', 'case'], name='content_recheck_idx'),
        ),
        migrations.AddIndex(
            model_name='contentitem',
            index=models.Index(fields=['platform', 'case'], name='content_platform_case_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['-created_at', '-id'], name='case_live_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['-created_at', '-id'], name='case_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['-updated_at', '-id'], name='case_updated_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['status', '-created_at'], name='case_status_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['country', '-created_at'], name='case_country_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['sensitivity', '-created_at'], name='case_sensitivity_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['start_date'], name='case_start_idx'),
        ),
        migrations.AddIndex(
            model_name='intervention',
            index=models.Index(fields=['status', 'due_date', 'case'], name='intervention_open_due_idx'),
        ),
        migrations.AddIndex(
            model_name='violation',
            index=models.Index(fields=['violation_type', 'case'], name='violation_type_case_idx'),
        ),
        migrations.AddIndex(
            model_name='violation',
            index=models.Index(fields=['platform', 'case'], name='violation_platform_case_idx'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
