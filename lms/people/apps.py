from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the accounts admin of ``lms.people.accounts``."""

    user_viewset = "lms.people.accounts.AccountViewSet"
