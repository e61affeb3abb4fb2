"""The four roles of the platform and what each may do in the Wagtail admin.

The groups are created and kept up to date by data migrations calling
``roles_sync``; their names are the Vietnamese ones users see.
"""

from dataclasses import dataclass, field

LEARNERS = "Học viên"
LECTURERS = "Giảng viên"
LIBRARIANS = "Thủ thư"
MANAGERS = "Quản lý đào tạo"

PAGE_AUTHORING = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# "add" lets a user edit and delete what they uploaded themselves; "change"
# reaches everyone's files, so only librarians get it.
DOCUMENT_USE = ("add_document", "choose_document")
IMAGE_USE = ("add_image", "choose_image")
# Submitting to the library: drafts go to the librarians' workflow instead of being published.
LIBRARY_SUBMIT = ("add_page", "change_page")
LIBRARY_DATA = tuple(
    f"library.{action}_{model}"
    for model in ("materialtype", "issuingbody", "subject", "librarycollection")
    for action in ("add", "change", "delete", "view")
)
COHORTS = tuple(
    f"lms.{action}_{model}"
    for model in ("cohort", "cohortmember", "attendancesession", "attendancerecord")
    for action in ("add", "change", "delete", "view")
)
# "add" is issuing, "change" revoking and reissuing: a certificate itself is never edited.
CERTIFICATES = (
    "lms.add_certificate",
    "lms.change_certificate",
    "lms.view_certificate",
    "lms.add_certificateseries",
    "lms.change_certificateseries",
    "lms.view_certificateseries",
)
# Lecturers of a cohort take its attendance; which cohorts is decided in lms.selectors.
COHORT_TEACHING = (
    "lms.view_cohort",
    "lms.add_attendancesession",
    "lms.change_attendancesession",
    "lms.view_attendancesession",
    "lms.add_attendancerecord",
    "lms.change_attendancerecord",
    "lms.view_attendancerecord",
)
QUESTION_BANK = tuple(
    f"quizzes.{action}_{model}"
    for model in ("question", "questioncategory")
    for action in ("add", "change", "view")
)


@dataclass(frozen=True)
class Role:
    name: str
    admin_access: bool = False
    # "app_label.codename" of model permissions.
    model_permissions: tuple = ()
    # Page permissions by the model ("app_label.ModelName") of the page they apply under.
    page_permissions: dict = field(default_factory=dict)
    # Permissions on the root collection (so on every collection).
    collection_permissions: tuple = ()


ROLES = (
    Role(name=LEARNERS),
    Role(
        name=LECTURERS,
        admin_access=True,
        model_permissions=(
            "lessons.add_h5ppackage",
            "lessons.view_h5ppackage",
            "lessons.view_programkind",
            *QUESTION_BANK,
            "quizzes.view_attempt",
            "quizzes.change_response",
            "quizzes.add_quizoverride",
            "quizzes.change_quizoverride",
            "quizzes.delete_quizoverride",
            "quizzes.view_quizoverride",
            *COHORT_TEACHING,
        ),
        page_permissions={
            "lessons.ProgramIndexPage": PAGE_AUTHORING,
            "library.LibraryIndexPage": LIBRARY_SUBMIT,
        },
        collection_permissions=(
            *(f"wagtaildocs.{c}" for c in DOCUMENT_USE),
            *(f"wagtailimages.{c}" for c in IMAGE_USE),
        ),
    ),
    Role(
        name=LIBRARIANS,
        admin_access=True,
        model_permissions=LIBRARY_DATA,
        page_permissions={"library.LibraryIndexPage": (*PAGE_AUTHORING, "bulk_delete_page")},
        collection_permissions=(
            *(f"wagtaildocs.{c}" for c in (*DOCUMENT_USE, "change_document", "delete_document")),
            *(f"wagtailimages.{c}" for c in (*IMAGE_USE, "change_image", "delete_image")),
        ),
    ),
    Role(
        name=MANAGERS,
        admin_access=True,
        model_permissions=(
            "auth.add_user",
            "auth.change_user",
            "auth.view_user",
            "lms.add_profile",
            "lms.change_profile",
            "lms.view_profile",
            "lms.add_trainingunit",
            "lms.change_trainingunit",
            "lms.view_trainingunit",
            "lms.view_rank",
            "lessons.add_enrolment",
            "lessons.change_enrolment",
            "lessons.view_enrolment",
            "lessons.view_lessonprogress",
            "lessons.view_programkind",
            "lessons.view_h5ppackage",
            "quizzes.view_attempt",
            "quizzes.view_quizgrade",
            *COHORTS,
            *CERTIFICATES,
        ),
        page_permissions={
            "lessons.ProgramIndexPage": PAGE_AUTHORING,
            "library.LibraryIndexPage": LIBRARY_SUBMIT,
        },
        collection_permissions=(
            *(f"wagtaildocs.{c}" for c in DOCUMENT_USE),
            "wagtailimages.choose_image",
        ),
    ),
)


def _permission(apps, dotted):
    """The permission named ``app_label.codename``, or None while its model is not migrated yet.

    An early migration applies today's ``ROLES``; permissions on models that a
    later migration creates are granted by the migration that syncs roles again.
    """
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        model_name = codename.split("_", 1)[1]
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            return None
        raise LookupError(f"No permission {dotted}")
    return permission


def _ensure_permissions(apps):
    """Create model permissions now: Django makes them only after all migrations ran."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Migration-state app configs have no models module, which makes
        # create_permissions skip them.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def roles_sync(*, apps):
    """Create the role groups and grant each what ``ROLES`` lists; idempotent."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        wanted = list(role.model_permissions)
        if role.admin_access:
            wanted.append("wagtailadmin.access_admin")
        permissions = (_permission(apps, dotted) for dotted in wanted)
        group.permissions.add(*(p for p in permissions if p is not None))

        for page_model, codenames in role.page_permissions.items():
            app_label, model = page_model.split(".")
            content_type = ContentType.objects.filter(app_label=app_label, model=model.lower())
            for page in Page.objects.filter(content_type__in=content_type):
                for codename in codenames:
                    GroupPagePermission.objects.get_or_create(
                        group=group,
                        page=page,
                        permission=_permission(apps, f"wagtailcore.{codename}"),
                    )

        if root_collection is not None:
            for dotted in role.collection_permissions:
                # Collection permissions are on Wagtail's own models, migrated first.
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, dotted)
                )
