import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from lms import roles
from lms.models import Profile, Rank, TrainingUnit

PASSWORD = "mat-khau-thu-2026"


class TrainingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingUnit
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Trường Chính trị tỉnh số {n}")
    code = factory.Sequence(lambda n: f"truong-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    family_name = "Nguyễn Văn"
    given_name = factory.Sequence(lambda n: f"An{n}")
    unit = factory.SubFactory(TrainingUnitFactory)
    rank = factory.LazyFunction(lambda: Rank.objects.get(code="01.003"))


def learner(**kwargs):
    return UserFactory(role=roles.LEARNERS, **kwargs)


def lecturer(**kwargs):
    return UserFactory(role=roles.LECTURERS, **kwargs)


def librarian(**kwargs):
    return UserFactory(role=roles.LIBRARIANS, **kwargs)


def manager(**kwargs):
    return UserFactory(role=roles.MANAGERS, **kwargs)


def manager_of_all_units(**kwargs):
    """A training manager granted ``lms.manage_all_units`` (sees every unit's learners)."""
    user = manager(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="manage_all_units"))
    return type(user).objects.get(pk=user.pk)  # without the cached permissions
