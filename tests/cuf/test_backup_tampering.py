"""A restore never runs what a tampered archive holds (PostgreSQL, the production database).

The attack of the security review: someone who may write where archives are kept adds a
superuser row and a table whose CHECK constraint calls a function running ``COPY … TO
PROGRAM`` (a file written as the database server's system user), then fixes the
manifest's checksums and counts, which anyone can compute. Archives are authenticated with
``BACKUP_KEY``, kept outside them: such an archive is refused before anything is read.
Even an archive signed with the key (a stolen key, a compromised backup host) brings only
the rows of the portal's own tables: the structure comes from the portal's migrations,
never from the archive.
"""

import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cuf.operations.backups.contents import DUMPS, MANIFEST, BackupError, run_client
from cuf.operations.backups.restore import backup_restore
from cuf.operations.backups.write import backup_write
from tests.cuf.test_backups import empty_portal, table_counts
from tests.factories import CommuniqueFactory

committed = pytest.mark.django_db(transaction=True)
pytestmark = pytest.mark.skipif(
    "postgresql" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="the attack runs COPY … TO PROGRAM: PostgreSQL only (DATABASE_URL=postgres://…)",
)

INTRUDER = "intrus"


@pytest.fixture
def proof():
    # Written by the database server's system user: a folder it may write into.
    path = Path(f"/tmp/cuf-restauration-attaque-{uuid.uuid4().hex}")
    yield path
    path.unlink(missing_ok=True)


def tampered_dump(destination: Path, proof: Path) -> dict[str, int]:
    """A dump of the portal with an intruder superuser and a constraint that runs a
    program; returns the row counts an attacker writes into the manifest."""
    user = get_user_model().objects.create_superuser(INTRUDER, "intrus@example.org", "motdepasse")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION public.cuf_attaque() RETURNS boolean LANGUAGE plpgsql AS $$ "
            f"BEGIN COPY (SELECT 'pris') TO PROGRAM 'touch {proof}'; RETURN true; END $$"
        )
        cursor.execute("CREATE TABLE public.cuf_piege (id integer, CHECK (public.cuf_attaque()))")
        # The row runs the function once now; a restore runs it again as it loads it.
        cursor.execute("INSERT INTO public.cuf_piege VALUES (1)")
    proof.unlink(missing_ok=True)
    counts = table_counts()
    run_client("pg_dump", "--format=custom", f"--file={destination}")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE public.cuf_piege")
        cursor.execute("DROP FUNCTION public.cuf_attaque()")
    user.delete()
    return counts


def tamper(archive: Path, destination: Path, dump: Path, counts: dict[str, int]) -> Path:
    """``archive`` with ``dump`` as its database and a manifest fixed to match it."""
    data = dump.read_bytes()
    name = DUMPS["postgresql"]
    with tarfile.open(archive) as source, tarfile.open(destination, "w") as target:
        for member in source:
            content = source.extractfile(member).read()
            if member.name == name:
                content = data
            elif member.name == MANIFEST:
                manifest = json.loads(content)
                manifest["database"].update(
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(), tables=counts
                )
                content = json.dumps(manifest).encode()
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    return destination


@committed
def test_a_tampered_archive_is_refused_before_anything_runs(tmp_path, proof):
    CommuniqueFactory(title="Avant l’attaque")
    archive = backup_write(destination=tmp_path)
    counts = tampered_dump(tmp_path / "piege.dump", proof)
    tampered = tamper(archive, tmp_path / "piegee.tar", tmp_path / "piege.dump", counts)
    empty_portal()

    with pytest.raises(CommandError, match="signature"):
        call_command("restore", str(tampered))

    assert not proof.exists(), "the archive's function ran on the database server"
    assert not get_user_model().objects.filter(username=INTRUDER).exists()
    assert "cuf_piege" not in connection.introspection.table_names()


@committed
def test_an_archive_signed_with_the_key_still_brings_only_rows_of_the_portal(tmp_path, proof):
    from cuf.operations.backups.contents import SIGNATURE, sign

    CommuniqueFactory(title="Avant l’attaque")
    archive = backup_write(destination=tmp_path)
    counts = tampered_dump(tmp_path / "piege.dump", proof)
    tampered = tamper(archive, tmp_path / "piegee.tar", tmp_path / "piege.dump", counts)
    # Whoever holds the key signs the tampered manifest again.
    resigned = tmp_path / "resignee.tar"
    with tarfile.open(tampered) as source, tarfile.open(resigned, "w") as target:
        manifest = source.extractfile(MANIFEST).read()
        for member in source:
            content = source.extractfile(member).read()
            if member.name == SIGNATURE:
                content = sign(manifest)
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    empty_portal()

    with pytest.raises(
        BackupError, match="Archive refusée : sa base contient .*cuf_(piege|attaque)"
    ):
        backup_restore(archive=resigned)

    assert not proof.exists(), "the archive's function ran on the database server"
    assert not get_user_model().objects.filter(username=INTRUDER).exists()
    assert "cuf_piege" not in connection.introspection.table_names()
