import os

import pytest

from cuf.demo import pdf_bytes
from tests.files import image_bytes, wav_bytes
from tests.spip_import.spip_site import SpipSite


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.fixture
def spip(request):
    """An empty SPIP database on the MariaDB of 127.0.0.1:3306, dropped after the test.

    Without MariaDB (or PyMySQL) the tests are skipped, saying so; under CI they fail.
    """
    try:
        site = SpipSite()
    except Exception as error:  # noqa: BLE001 - any reason MariaDB is not there
        message = f"MariaDB (127.0.0.1:3306, root) ne répond pas : {error}"
        if _in_ci():
            pytest.fail(f"{message} ; les tests de l’import SPIP sont obligatoires en CI.")
        pytest.skip(f"{message} ; tests de l’import SPIP ignorés.")
    yield site
    site.drop()


@pytest.fixture
def img(tmp_path):
    """The SPIP site's IMG/ folder, with a helper writing real files into it."""
    root = tmp_path / "IMG"
    root.mkdir()

    def write(name: str, content: bytes | None = None) -> str:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            extension = name.rsplit(".", 1)[-1]
            content = {
                "pdf": lambda: pdf_bytes("Programme", ["Quinze heures : ouverture."]),
                "jpg": lambda: image_bytes("JPEG"),
                "png": lambda: image_bytes("PNG"),
                "wav": lambda: wav_bytes(),
            }[extension]()
        path.write_bytes(content)
        return name

    write.root = root
    return write
