"""Serving a learner's attached file, to its owner or to the course's staff."""

from django.http import FileResponse, Http404


def response_file_download(response_file):
    """The file as a private download; never shown inline, so it cannot run in the site."""
    try:
        handle = response_file.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=response_file.name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
