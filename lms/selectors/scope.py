"""Which training units' learners a manager may see.

A training manager sees the learners, cohorts and certificates of their own
unit (their profile's unit) unless they hold ``lms.manage_all_units``.
"""

from lms.models import Profile


def units_managed_by(*, user):
    """The ids of the units whose learners ``user`` may manage; ``None`` means every unit."""
    if user.is_superuser or user.has_perm("lms.manage_all_units"):
        return None
    unit_id = Profile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    return {unit_id} if unit_id else set()


def in_units(queryset, units, *, field="unit"):
    """``queryset`` narrowed to ``units`` (from ``units_managed_by``) by the unit at ``field``."""
    if units is None:
        return queryset
    return queryset.filter(**{f"{field}__in": units})
