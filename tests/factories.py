import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casebook.roles import Role
from cases.choices import Language, Sensitivity
from cases.models import Case


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
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"DR-2026-{n + 5000:04d}")
    title = factory.Sequence(lambda n: f"Account suspended after a post, case {n}")
    narrative = "The account was suspended the day after the post was published."
    language = Language.ENGLISH
    country = "LB"
    sensitivity = Sensitivity.NORMAL
    created_by = factory.SubFactory(UserFactory, role=Role.OFFICER)
