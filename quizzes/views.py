"""Learner screens of the quiz engine (start page, attempt, summary, review)."""

from django.http import HttpResponse


def quiz_start_page(request, quiz):
    return HttpResponse(quiz.title)
