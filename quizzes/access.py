"""The quiz's own restrictions: password and allowed networks, checked on every request."""

import hashlib
import hmac
import ipaddress

from django.utils.translation import gettext as _

SESSION_KEY = "quiz_password:{quiz_id}"


def parse_networks(text):
    """The networks of an allow-list, one per line; raises ValueError naming a bad line."""
    networks = []
    for line in (text or "").splitlines():
        entry = line.split("#")[0].strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ValueError(
                _("“%(entry)s” is not an address or a network.") % {"entry": entry}
            ) from error
    return networks


def ip_allowed(*, quiz, ip):
    """Whether ``ip`` may take ``quiz``: always when the quiz has no allow-list."""
    networks = parse_networks(quiz.ip_allowlist)
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return False
    return any(address in network for network in networks)


def password_matches(*, quiz, password):
    return not quiz.password or hmac.compare_digest(
        (password or "").encode(), quiz.password.encode()
    )


def _password_token(quiz):
    # A digest, so that changing the quiz's password ends every session that knew the old one.
    return hashlib.sha256(f"{quiz.pk}:{quiz.password}".encode()).hexdigest()


def password_remember(*, session, quiz):
    if quiz.password:
        session[SESSION_KEY.format(quiz_id=quiz.pk)] = _password_token(quiz)


def password_remembered(*, session, quiz):
    if not quiz.password:
        return True
    stored = session.get(SESSION_KEY.format(quiz_id=quiz.pk), "")
    return hmac.compare_digest(stored, _password_token(quiz))


def client_ip(request):
    """The client address; behind a proxy, REMOTE_ADDR must be set by the proxy's middleware."""
    return request.META.get("REMOTE_ADDR", "")
