"""Demo programs, courses and lessons for `manage.py seed_demo` (being written)."""


def seed_lessons_demo(*, stdout):
    """Create the demo programs once; later runs change nothing."""
