"""Which units' learners a manager may manage."""

import pytest
from django.contrib.auth.models import Permission

from lms.models import Profile
from lms.selectors import units_managed_by
from lms.selectors.scope import in_units
from tests.factories import ProfileFactory, UserFactory, manager

pytestmark = pytest.mark.django_db


def test_a_manager_manages_their_own_unit_only():
    user = ProfileFactory(user=manager()).user
    other = ProfileFactory()

    units = units_managed_by(user=user)

    assert units == {user.profile.unit_id}
    assert list(in_units(Profile.objects.all(), units)) == [user.profile]
    assert other.unit_id not in units


def test_a_manager_without_a_unit_manages_none():
    assert units_managed_by(user=manager()) == set()


def test_the_permission_or_superuser_grants_every_unit():
    granted = ProfileFactory(user=manager()).user
    granted.user_permissions.add(Permission.objects.get(codename="manage_all_units"))
    granted = type(granted).objects.get(pk=granted.pk)  # drop the permission cache
    superuser = UserFactory(is_superuser=True)

    assert units_managed_by(user=granted) is None
    assert units_managed_by(user=superuser) is None
    assert in_units(Profile.objects.all(), None).count() == Profile.objects.count()
