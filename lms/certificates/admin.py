"""The certificates screens in the Wagtail admin; ``lms/wagtail_hooks.py`` wires them."""


def admin_urls():
    """For ``register_admin_urls``."""
    return []


def viewsets():
    """For ``register_admin_viewset``."""
    return []


def menu_item():
    """For ``register_admin_menu_item``: one item (a submenu when there are several screens).

    Not wired yet: the lead adds the hook once this returns a real item.
    """
    return None
