import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throw-away folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "protected": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "protected", "base_url": None},
        },
    }


# Each logged-in client is its own browser: the ``client`` fixture stays anonymous.


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user(
        username="redaction", password="motdepasse-long-123", is_staff=True
    )
    staff = Client()
    staff.force_login(user)
    return staff


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="chef", password="motdepasse-long-123", email="chef@example.org"
    )
    superuser = Client()
    superuser.force_login(user)
    return superuser
