"""Signal receivers of the training side."""

from django.dispatch import receiver
from wagtail.signals import page_published

from lessons.models import CoursePage
from lms.services import cohorts as cohort_services


@receiver(page_published, sender=CoursePage, dispatch_uid="lms_cohorts_course_published")
def enrol_cohorts_in_published_course(sender, instance, **kwargs):
    cohort_services.cohorts_course_published(course=instance)
