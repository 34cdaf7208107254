import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casebook.roles import Role
from cases.choices import Language, Sensitivity
from cases.models import (
    Actor,
    ActorType,
    Case,
    ContentItem,
    Intervention,
    Person,
    Platform,
    Profession,
    Violation,
    ViolationType,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        self.save()


class CaseFactory(factory.django.DjangoModelFactory):
    """A case with one violation (an account suspension on Facebook unless told otherwise).

    ``CaseFactory(violation_type="arrest", platform="x")`` picks the act; ``violation_type=None``
    makes a case without any act. The search columns are filled as the services would.
    """

    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"DR-2026-{n + 5000:04d}")
    title = factory.Sequence(lambda n: f"Account suspended after a post, case {n}")
    narrative = "The account was suspended the day after the post was published."
    language = Language.ENGLISH
    country = "LB"
    sensitivity = Sensitivity.NORMAL
    created_by = factory.SubFactory(UserFactory, role=Role.OFFICER)

    @classmethod
    def _create(cls, model_class, *args, violation_type="account_suspension", platform="facebook", **kwargs):
        case = super()._create(model_class, *args, **kwargs)
        if violation_type:
            Violation.objects.create(
                case=case,
                violation_type=ViolationType.objects.get(code=violation_type),
                platform=Platform.objects.get(code=platform) if platform else None,
            )
        from cases.services import case_refresh_search

        case_refresh_search(case=case)
        return case


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name_en = factory.Sequence(lambda n: f"Cybercrime unit {n}")
    name_ar = "وحدة الجرائم الإلكترونية"
    actor_type = factory.LazyFunction(lambda: ActorType.objects.get(code="security_agency"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"Person Name {n}")
    pseudonym = factory.Sequence(lambda n: f"P{n}")
    profession = factory.LazyFunction(lambda: Profession.objects.get(code="journalist"))


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    case = factory.SubFactory(CaseFactory)
    kind = "platform_escalation"
    recipient = "Trust and safety"
    created_by = factory.SelfAttribute("case.created_by")


class ContentItemFactory(factory.django.DjangoModelFactory):
    """A removed post on Facebook; its history starts empty (use the services for a real history)."""

    class Meta:
        model = ContentItem

    case = factory.SubFactory(CaseFactory)
    url = factory.Sequence(lambda n: f"https://www.facebook.com/example/posts/{n}")
    platform = factory.LazyFunction(lambda: Platform.objects.get(code="facebook"))
    kind = "post"
    content_id = factory.Sequence(lambda n: f"10{n:06d}")
    status = "removed"
    created_by = factory.SelfAttribute("case.created_by")


def content_item_recorded(actor, case, *, today=None, **fields) -> ContentItem:
    """An Instagram post removed in May 2026, written through the service (its first status in its history)."""
    from datetime import date

    from cases import services

    fields = {
        "url": "https://www.instagram.com/p/Cx1",
        "platform": Platform.objects.get(code="instagram"),
        "kind": "post",
        "content_id": "Cx1",
        "published_on": date(2026, 5, 1),
        "removed_on": date(2026, 5, 3),
        **fields,
    }
    return services.content_item_save(actor=actor, case=case, today=today or date(2026, 6, 15), **fields)
