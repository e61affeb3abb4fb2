"""Reading the certificate register: verification, a learner's certificates, the register."""


def certificate_verify(*, code=None, serial=None, full_name=None, date_of_birth=None):
    raise NotImplementedError
