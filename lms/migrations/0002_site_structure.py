"""Replace Wagtail's welcome page with the platform's page tree:
HomePage > ProgramIndexPage and LibraryIndexPage."""

from django.db import migrations

HOME_PATH = "00010001"
SECTIONS = [
    # (app_label, model, title, slug)
    ("lessons", "programindexpage", "Chương trình bồi dưỡng", "chuong-trinh"),
    ("library", "libraryindexpage", "Thư viện số", "thu-vien"),
]


def create_site_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("lms", "HomePage")
    if HomePage.objects.exists():
        return
    welcome = Page.objects.filter(path=HOME_PATH).first()
    if welcome is not None:
        if welcome.content_type.model != "page" or welcome.numchild:
            return  # a site someone already built: leave it alone
        welcome.delete()
    locale = Locale.objects.first()

    def content_type(app_label, model):
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    home = HomePage.objects.create(
        title="Học tập trực tuyến",
        draft_title="Học tập trực tuyến",
        slug="trang-chu",
        content_type=content_type("lms", "homepage"),
        path=HOME_PATH,
        depth=2,
        numchild=len(SECTIONS),
        url_path="/trang-chu/",
        locale=locale,
    )
    for position, (app_label, model, title, slug) in enumerate(SECTIONS, start=1):
        apps.get_model(app_label, model).objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type(app_label, model),
            path=f"{HOME_PATH}{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/trang-chu/{slug}/",
            locale=locale,
        )
    Page.objects.filter(depth=1).update(numchild=1)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("lessons", "0001_initial"),
        ("library", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_structure, migrations.RunPython.noop)]
