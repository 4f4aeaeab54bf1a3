"""The release a process serves: its code, templates, installed libraries and static files.

Cached pages and their ETags carry it (cuf.publishing.page_cache), so that a deploy (new
code or templates, ``collectstatic`` writing new hashed names, a library upgraded) shows
at the next request: a page rendered by the previous release, pointing at a stylesheet
that may be gone, is never served again nor confirmed by a 304.

Read once per process (gunicorn's reload starts new workers, which read it again): a walk
over the portal's own Python files and templates, the names and versions of the installed
distributions, and the static files' manifest.
"""

import functools
import hashlib
import importlib.metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings

# What a render depends on in the portal's own folders; static files are covered by the
# manifest, which names each by the hash of its content.
_SOURCES = ("*.py", "*.html", "*.txt", "*.xml", "*.json", "*.mo")


def _own_folders() -> list[Path]:
    """The portal's apps, its project package and template folders (not the libraries'
    apps: their distributions' versions stand for them)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = {Path(config.path).resolve() for config in apps.get_app_configs()}
    folders = {
        folder
        for folder in folders
        if folder.is_relative_to(base) and "site-packages" not in folder.parts
    }
    folders.add(base / "portail")
    for engine in settings.TEMPLATES:
        folders.update(Path(folder).resolve() for folder in engine.get("DIRS", ()))
    return sorted(folder for folder in folders if folder.is_dir())


def _static_manifest() -> bytes:
    """What collectstatic wrote: every static file's hashed name (none in development)."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return manifest.read_bytes()
    except OSError:
        return b""


@functools.cache
def release() -> str:
    """A short hash naming what this process serves."""
    digest = hashlib.sha256()
    for folder in _own_folders():
        files = sorted({path for pattern in _SOURCES for path in folder.rglob(pattern)})
        for path in files:
            if "__pycache__" in path.parts or "migrations" in path.parts:
                continue
            digest.update(str(path.relative_to(folder.parent)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    libraries = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(libraries).encode())
    digest.update(_static_manifest())
    return digest.hexdigest()[:16]
