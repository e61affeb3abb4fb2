"""Writes of the core app: people and accounts, cohorts and attendance, certificates."""

from lms.services.certificates import (
    certificate_reissue,
    certificate_revoke,
    certificates_issue,
)
from lms.services.people import learner_register, profile_for, profile_update

__all__ = [
    "certificate_reissue",
    "certificate_revoke",
    "certificates_issue",
    "learner_register",
    "profile_for",
    "profile_update",
]
