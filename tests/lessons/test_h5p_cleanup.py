import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_h5p_cleanup_removes_folders_without_a_package(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    default_storage.save("h5p/00000000-0000-0000-0000-000000000000/h5p.json", ContentFile(b"{}"))
    out = io.StringIO()
    call_command("h5p_cleanup", stdout=out)
    assert "1 orphaned" in out.getvalue()
    assert not (tmp_path / "h5p" / "00000000-0000-0000-0000-000000000000").exists()
