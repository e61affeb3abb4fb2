"""Background work of the quiz engine."""

from django_tasks import task


@task()
def close_overdue_attempts():
    """Close attempts past their deadline by their quiz's rule (see ``attempts_close_overdue``)."""
    from quizzes.services import attempts_close_overdue

    return attempts_close_overdue()
