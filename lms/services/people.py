"""Writes about people and accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from lms.models import Profile
from lms.roles import LEARNERS


def profile_update(*, profile, data, email=None):
    """Save what a learner may change of their own profile (``ProfileForm`` fields)."""
    for field, value in data.items():
        setattr(profile, field, value)
    profile.save()
    if email is not None and email != profile.user.email:
        profile.user.email = email
        profile.user.save(update_fields=["email"])
    return profile


@transaction.atomic
def learner_register(*, username, password, email, family_name, given_name):
    """Create a self-registered account: a learner, with no other group."""
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    user.groups.add(Group.objects.get(name=LEARNERS))
    Profile.objects.create(user=user, family_name=family_name, given_name=given_name)
    return user


def profile_for(*, user):
    """The user's profile, created empty for accounts made outside the site (createsuperuser)."""
    profile, _ = Profile.objects.select_related("unit", "rank").get_or_create(
        user=user,
        defaults={"family_name": user.last_name, "given_name": user.first_name or user.username},
    )
    return profile
