"""Reads of the core app: who a manager may see, program results, certificates."""

from lms.selectors.certificates import certificate_verify
from lms.selectors.results import program_results
from lms.selectors.scope import units_managed_by

__all__ = ["certificate_verify", "program_results", "units_managed_by"]
