from .certificates import (
    Certificate,
    CertificateRegisterYear,
    CertificateSeries,
)
from .cohorts import (
    AttendanceRecord,
    AttendanceSession,
    AttendanceStatus,
    Cohort,
    CohortMember,
)
from .pages import HomePage
from .people import Profile, Rank, TrainingUnit

__all__ = [
    "AttendanceRecord",
    "AttendanceSession",
    "AttendanceStatus",
    "Certificate",
    "CertificateRegisterYear",
    "CertificateSeries",
    "Cohort",
    "CohortMember",
    "HomePage",
    "Profile",
    "Rank",
    "TrainingUnit",
]
