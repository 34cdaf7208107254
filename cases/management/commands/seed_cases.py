"""Seed realistic bilingual cases at any size, for the benchmark and for trying the lists at scale.

    manage.py seed_cases --cases 1000000

Everything is fictional. Cases, violations and persons are written in
batches with ``bulk_create_with_history`` (each gets its first historical
version); the search columns are filled with the same normalisation the
services use. Three personas are created if missing: ``bench_officer``,
``bench_advocacy`` and ``bench_partner`` (who is given ``--shared`` cases).
"""

import random
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from guardian.shortcuts import assign_perm
from simple_history.utils import bulk_create_with_history

from casebook.roles import Role
from cases.choices import InterventionKind, InterventionStatus, Language, PersonRole, Sensitivity, Status
from cases.models import (
    Actor,
    ActorType,
    Case,
    Intervention,
    Person,
    Platform,
    Profession,
    ReferenceCounter,
    Tag,
    Violation,
    ViolationType,
)
from cases.search import normalise, title_key

_SEARCH_MIGRATION = import_module("cases.migrations.0006_word_prefix_search_index")
SEARCH_INDEXES, SEARCH_INDEX_NAMES = _SEARCH_MIGRATION.SEARCH_INDEXES, _SEARCH_MIGRATION.SEARCH_INDEX_NAMES

COUNTRIES = ["EG", "JO", "LB", "SY", "IQ", "TN", "MA", "DZ", "LY", "SD", "PS", "BH", "SA", "AE", "KW", "YE", "OM"]
FIRST_NAMES = [
    "أحمد",
    "فاطمة",
    "محمد",
    "ليلى",
    "يوسف",
    "مريم",
    "عمر",
    "هدى",
    "سامر",
    "رنا",
    "خالد",
    "آمنة",
    "علي",
    "نور",
]
LAST_NAMES = ["الخطيب", "حداد", "بن صالح", "الجبوري", "العمري", "الطيب", "منصور", "الزنتاني", "القاسم", "يوسفي"]
PLACES_AR = ["عمّان", "بيروت", "تونس", "القاهرة", "الإسكندرية", "بغداد", "الرباط", "الجزائر", "طرابلس", "الخرطوم"]
PLACES_EN = ["Amman", "Beirut", "Tunis", "Cairo", "Alexandria", "Baghdad", "Rabat", "Algiers", "Tripoli", "Khartoum"]
SUBJECTS_AR = ["مدوّن", "صحفية", "ناشط حقوقي", "صانعة محتوى", "محامٍ", "صفحة إخبارية", "فنانة", "أكاديمي"]
SUBJECTS_EN = [
    "blogger",
    "journalist",
    "rights activist",
    "content creator",
    "lawyer",
    "news page",
    "artist",
    "academic",
]
TAGS = ["elections", "protests", "cybercrime law", "قانون الجرائم الإلكترونية", "حملات البلاغات", "women defenders"]


@contextmanager
def _own_timestamps():
    """Let the seed set creation dates spread over years instead of "now"."""
    fields = [Case._meta.get_field("created_at"), Case._meta.get_field("updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Create N fictional bilingual cases with violations, persons and interventions."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--shared", type=int, default=50, help="cases shared with bench_partner")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--defer-search-index",
            action="store_true",
            help="PostgreSQL: drop the search indexes while seeding and build them once at the end (much faster)",
        )

    def handle(self, *args, cases: int, batch: int, shared: int, seed: int, defer_search_index: bool, **options):
        if cases < 1:
            raise CommandError("--cases must be at least 1")
        rng = random.Random(seed)  # noqa: S311 (fictional data, reproducible on purpose)
        users = self._personas()
        vocab = {
            "types": list(ViolationType.objects.all()),
            "platforms": list(Platform.objects.all()),
            "professions": list(Profession.objects.all()),
            "actors": self._actors(),
            "tags": [Tag.objects.get_or_create(name=name)[0] for name in TAGS],
        }
        start = time.monotonic()
        counters = self._counters()
        created_ids: list[int] = []
        deferred = defer_search_index and connection.vendor == "postgresql"
        if deferred:
            with connection.cursor() as cursor:
                for name in SEARCH_INDEX_NAMES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
        with _own_timestamps():
            done = 0
            while done < cases:
                size = min(batch, cases - done)
                with transaction.atomic():
                    created_ids += self._batch(rng, size, users, vocab, counters)
                    for year, number in counters.items():
                        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": number})
                done += size
                rate = done / max(time.monotonic() - start, 0.001)
                self.stdout.write(f"{done:>9} cases  ({rate:,.0f}/s)")
        if deferred:
            self.stdout.write("Building the search indexes…")
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '1GB'")
                for statement in SEARCH_INDEXES:
                    cursor.execute(statement)
                cursor.execute("ANALYZE")
        with transaction.atomic():
            partner = users["partner"]
            for case in Case.objects.filter(pk__in=rng.sample(created_ids, min(shared, len(created_ids)))):
                assign_perm("cases.view_case", partner, case)
        self.stdout.write(self.style.SUCCESS(f"Seeded {cases} cases in {time.monotonic() - start:.0f} s."))

    def _counters(self) -> dict[int, int]:
        """The last reference number of each year, so that a seed added to existing data continues it."""
        counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
        for reference in Case.objects.values_list("reference", flat=True).iterator(chunk_size=10000):
            _prefix, year, number = reference.split("-")
            counters[int(year)] = max(counters.get(int(year), 0), int(number))
        return counters

    def _personas(self) -> dict:
        User = get_user_model()
        users = {}
        for key, role in (("officer", Role.OFFICER), ("advocacy", Role.ADVOCACY), ("partner", Role.PARTNER)):
            user, created = User.objects.get_or_create(username=f"bench_{key}")
            if created:
                user.set_unusable_password()
                user.save()
                user.groups.add(Group.objects.get(name=role))
            users[key] = user
        return users

    def _actors(self) -> list[Actor]:
        if Actor.objects.count() >= 10:
            return list(Actor.objects.all()[:200])
        types = list(ActorType.objects.all())
        actors = [
            Actor(
                name_en=f"{kind.label_en} of {place}",
                name_ar=f"{kind.label_ar} في {place_ar}",
                actor_type=kind,
            )
            for kind in types
            for place, place_ar in zip(PLACES_EN, PLACES_AR, strict=True)
        ]
        return bulk_create_with_history(actors, Actor)

    def _batch(self, rng, size, users, vocab, counters) -> list[int]:
        officer = users["officer"]
        now = datetime.now(UTC)
        cases, plans = [], []
        for _ in range(size):
            created = now - timedelta(seconds=rng.randint(0, 6 * 365 * 24 * 3600))
            year = created.year
            counters[year] = counters.get(year, 0) + 1
            kind = rng.choice(vocab["types"])
            platform = rng.choice(vocab["platforms"])
            subject = rng.randrange(len(SUBJECTS_AR))
            place = rng.randrange(len(PLACES_AR))
            arabic = rng.random() < 0.6
            title_ar = f"{kind.label_ar}: {SUBJECTS_AR[subject]} في {PLACES_AR[place]} عبر {platform.label_ar}"
            title_en = f"{kind.label_en}: {SUBJECTS_EN[subject]} in {PLACES_EN[place]} on {platform.label_en}"
            narrative = (
                f"وثّقت المنظمة {kind.label_ar} بحق {SUBJECTS_AR[subject]} في {PLACES_AR[place]}."
                if arabic
                else f"The organisation documented {kind.label_en.lower()} against a {SUBJECTS_EN[subject]}."
            )
            start_date = (created - timedelta(days=rng.randint(0, 60))).date()
            sensitivity = rng.choices(
                [Sensitivity.NORMAL, Sensitivity.SENSITIVE, Sensitivity.RESTRICTED], weights=[55, 40, 5]
            )[0]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            tag = rng.choice(vocab["tags"]) if rng.random() < 0.3 else None
            actor = rng.choice(vocab["actors"])
            case = Case(
                reference=f"DR-{year}-{counters[year]:04d}",
                title=title_ar if arabic else title_en,
                title_translation=title_en if arabic else title_ar,
                narrative=narrative,
                language=Language.ARABIC if arabic else Language.ENGLISH,
                start_date=start_date,
                country=rng.choice(COUNTRIES),
                place=PLACES_AR[place] if arabic else PLACES_EN[place],
                status=rng.choice(Status.values),
                sensitivity=sensitivity,
                created_by=officer,
                created_at=created,
                updated_at=created,
            )
            words = [case.reference, title_ar, title_en, narrative, case.place, kind.label_en, kind.label_ar]
            words += [platform.label_en, platform.label_ar, actor.name_en, actor.name_ar, tag.name if tag else ""]
            case.search_text = normalise(" ".join(words))
            case.people_search_text = normalise(name)
            case.title_key = title_key(case.title, case.country.code, start_date)
            case.title_translation_key = title_key(case.title_translation, case.country.code, start_date)
            cases.append(case)
            plans.append((kind, platform, start_date, name, tag, actor, rng.random() < 0.1, rng.random()))
        cases = bulk_create_with_history(cases, Case, default_user=officer)
        if cases[0].pk is None:  # a backend that does not return keys
            by_reference = dict(
                Case.objects.filter(reference__in=[c.reference for c in cases]).values_list("reference", "pk")
            )
            for case in cases:
                case.pk = case.id = by_reference[case.reference]
        violations, persons, interventions = [], [], []
        for case, (kind, platform, start_date, name, _tag, _actor, _intervene, roll) in zip(cases, plans, strict=True):
            violations.append(Violation(case=case, violation_type=kind, platform=platform, date=start_date))
            persons.append(
                Person(
                    case=case,
                    role=PersonRole.AFFECTED,
                    name=name,
                    pseudonym=f"P-{case.pk}",
                    profession=vocab["professions"][int(roll * len(vocab["professions"]))],
                )
            )
        violations = bulk_create_with_history(violations, Violation, default_user=officer)
        persons = bulk_create_with_history(persons, Person, default_user=officer)
        for case, violation, plan in zip(cases, violations, plans, strict=True):
            if plan[6]:
                sent = plan[2] + timedelta(days=3)
                interventions.append(
                    Intervention(
                        case=case,
                        violation=violation,
                        kind=InterventionKind.PLATFORM_ESCALATION,
                        recipient=plan[1].label_en,
                        platform=plan[1],
                        sent_on=sent,
                        due_date=sent + timedelta(days=plan[1].response_days),
                        status=InterventionStatus.SENT if plan[7] < 0.5 else InterventionStatus.ACTIONED,
                        created_by=officer,
                    )
                )
        bulk_create_with_history(interventions, Intervention, default_user=officer)
        # Link tables of many-to-many fields are not historied models themselves.
        Case.tags.through.objects.bulk_create(
            [Case.tags.through(case=case, tag=plan[4]) for case, plan in zip(cases, plans, strict=True) if plan[4]]
        )
        Case.assigned_officers.through.objects.bulk_create(
            [
                Case.assigned_officers.through(case=case, user=officer)
                for case in cases
                if case.sensitivity == Sensitivity.RESTRICTED
            ]
        )
        Violation.actors.through.objects.bulk_create(
            [
                Violation.actors.through(violation=violation, actor=plan[5])
                for violation, plan in zip(violations, plans, strict=True)
            ]
        )
        Violation.affected_persons.through.objects.bulk_create(
            [
                Violation.affected_persons.through(violation=violation, person=person)
                for violation, person in zip(violations, persons, strict=True)
            ]
        )
        return [case.pk for case in cases]
