import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from lessons.demo import seed_lessons_demo
from library.demo import seed_library_demo
from lms import demo
from lms.demo_training import seed_training_demo
from lms.models import HomePage, Profile, Rank, TrainingUnit
from quizzes.demo import seed_quizzes_demo
from themes.models import SiteBranding


class Command(BaseCommand):
    help = "Create or complete the demo data; running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        units = {unit.code: self._unit(unit) for unit in demo.UNITS}
        for person in demo.PEOPLE:
            self._person(person, units)
        self._home_page()
        self._branding()
        seed_lessons_demo(stdout=self.stdout)
        # After the lessons (items name their programs), before the quizzes (the case
        # analysis question is about one of the library's case studies).
        seed_library_demo(stdout=self.stdout)
        seed_quizzes_demo(stdout=self.stdout)
        # Last: the demo cohort's results are drawn from the programs' courses and exams.
        seed_training_demo(stdout=self.stdout)
        self._print_accounts()

    def _unit(self, unit):
        obj, _ = TrainingUnit.objects.get_or_create(
            code=unit.code,
            defaults={
                "name": unit.name,
                "short_name": unit.short_name,
                "governing_body": unit.governing_body,
                "address": unit.address,
            },
        )
        return obj

    def _person(self, person, units):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "email": f"{person.username}@example.vn",
                "first_name": person.given_name,
                "last_name": person.family_name,
                "is_superuser": person.superuser,
                "is_staff": person.superuser,
            },
        )
        if created:
            user.set_password(demo.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if person.role:
            user.groups.add(Group.objects.get(name=person.role))
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "family_name": person.family_name,
                "given_name": person.given_name,
                "unit": units[person.unit_code],
                "rank": Rank.objects.filter(code=person.rank_code).first(),
                "staff_code": person.staff_code or None,
                "agency": person.agency,
                "position": person.position,
                "date_of_birth": (
                    datetime.date.fromisoformat(person.date_of_birth)
                    if person.date_of_birth
                    else None
                ),
            },
        )

    def _home_page(self):
        home = HomePage.objects.first()
        if home is None or home.body.raw_data:
            return  # no home page, or one someone already wrote: keep it
        home.title = demo.HOME_TITLE
        home.introduction = demo.HOME_INTRODUCTION
        home.body = demo.HOME_BODY
        home.save_revision().publish()

    def _branding(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        SiteBranding.objects.get_or_create(
            site=site,
            defaults={
                "site_name": "Học tập trực tuyến",
                "unit_name": demo.UNITS[0].name,
                "footer_text": (
                    "Dữ liệu mẫu để trình diễn. Nền tảng học tập trực tuyến dùng chung cho các "
                    "cơ sở đào tạo, bồi dưỡng cán bộ, công chức, viên chức."
                ),
            },
        )

    def _print_accounts(self):
        self.stdout.write("Tài khoản mẫu (chỉ dùng để trình diễn trên máy cục bộ):")
        for person in demo.PEOPLE:
            role = person.role or "Quản trị"
            self.stdout.write(f"  {person.username:<10} {demo.DEMO_PASSWORD:<12} {role}")
