from .enrolment import Enrolment
from .h5p import H5PPackage
from .pages import CourseLecturer, CoursePage, LessonPage, ProgramIndexPage, ProgramPage
from .programs import ProgramKind
from .progress import CourseCompletion, LessonProgress

__all__ = [
    "CourseCompletion",
    "CourseLecturer",
    "CoursePage",
    "Enrolment",
    "H5PPackage",
    "LessonPage",
    "LessonProgress",
    "ProgramIndexPage",
    "ProgramKind",
    "ProgramPage",
]
