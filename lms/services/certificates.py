"""Issuing, revoking and reissuing certificates (the register is append-only)."""


def certificates_issue(*, cohort, learners, issued_by, issue_date=None):
    raise NotImplementedError


def certificate_revoke(*, certificate, by, reason):
    raise NotImplementedError


def certificate_reissue(*, certificate, by, reason):
    raise NotImplementedError
