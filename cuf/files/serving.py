"""Serving uploaded files: only through views that have checked the item is public.

Byte ranges (RFC 9110, one range per request) are honoured, so that a visitor can seek in
an audio or video file before it has all arrived: mobile browsers ask for ranges, and
some play nothing without them.

Behind nginx (``PROTECTED_FILES_ACCEL``), the portal still decides who may read a file,
then hands the sending to nginx with ``X-Accel-Redirect`` to an internal location
(deploy/nginx.conf): a worker is not held for the length of a download, and nginx
answers the ranges.
"""

import hashlib
import re
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header

from cuf.files.objects import BucketObject, in_bucket

# ASCII digits, and few enough to be a file position (int() refuses thousands of them).
_RANGE = re.compile(r"bytes=([0-9]{0,18})-([0-9]{0,18})")
UNSATISFIABLE = "unsatisfiable"
# How long the address nginx fetches a bucket's object from stays valid: it is used at once.
OBJECT_LINK_SECONDS = 60


def accelerated(storage) -> bool:
    """Whether nginx sends the files of ``storage``: files on a local disk it can read, or
    in a bucket it can fetch from."""
    return settings.PROTECTED_FILES_ACCEL and (
        isinstance(storage, FileSystemStorage) or in_bucket(storage)
    )


def accel_response(
    storage, name: str, *, content_type: str, filename: str, attachment: bool, public: bool
):
    """An empty response asking nginx to send the stored file ``name`` itself."""
    if not storage.exists(name):
        raise Http404("Fichier introuvable.")
    disposition = content_disposition_header(attachment, filename)
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = disposition
    _protect(response, public=public)
    if in_bucket(storage):
        # nginx passes on the bucket's answer: the bucket is asked to give it the headers
        # the portal would have sent.
        signed = urlsplit(
            storage.url(
                name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseContentDisposition": disposition,
                    "ResponseCacheControl": response["Cache-Control"],
                },
                expire=OBJECT_LINK_SECONDS,
            )
        )
        location = settings.PROTECTED_OBJECTS_ACCEL_LOCATION.rstrip("/")
        response["X-Accel-Redirect"] = f"{location}{signed.path}?{signed.query}"
    else:
        response["X-Accel-Redirect"] = settings.PROTECTED_FILES_ACCEL_LOCATION + quote(name)
    return response


def _protect(response, *, public: bool) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, private=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True, max_age=0)


def protected_file_response(
    request, field_file, *, content_type: str, filename: str, attachment: bool, public: bool
):
    if not field_file:
        raise Http404("Pas de fichier.")
    return stored_file_response(
        request,
        field_file.storage,
        field_file.name,
        content_type=content_type,
        filename=filename,
        attachment=attachment,
        public=public,
    )


def stored_file_response(
    request, storage, name: str, *, content_type: str, filename: str, attachment: bool, public: bool
):
    """The stored file ``name`` as a response, by the way its storage is best read.

    On a local disk behind nginx, nginx sends it (with its own validators); in a bucket,
    it is read by byte range; otherwise the portal reads it from the disk. A visitor who
    holds the file already gets a 304 (``If-None-Match``) without it being opened.
    """
    etag = file_etag(name)
    if accelerated(storage):
        return accel_response(
            storage,
            name,
            content_type=content_type,
            filename=filename,
            attachment=attachment,
            public=public,
        )
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        _protect(not_modified, public=public)
        return not_modified
    try:
        handle = BucketObject(storage, name) if in_bucket(storage) else storage.open(name, "rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("Fichier introuvable.") from error
    return file_response(
        request,
        handle,
        content_type=content_type,
        filename=filename,
        attachment=attachment,
        public=public,
        etag=etag,
    )


def file_etag(name: str) -> str:
    """A strong validator: stored names are generated and never reused for other bytes (a
    replaced file gets a new name), so the name stands for the content."""
    return '"' + hashlib.sha256(name.encode()).hexdigest()[:32] + '"'


def requested_range(request, size: int | None, etag: str | None = None):
    """(first, last) byte asked for, UNSATISFIABLE, or None to send the whole file.

    A header that cannot be read, several ranges, or a conditional range (If-Range) for
    another version of the file get the whole file, as the RFC allows.
    """
    header = request.headers.get("Range")
    if request.method != "GET" or not header or size is None:
        return None
    if "If-Range" in request.headers and request.headers["If-Range"] != etag:
        return None
    match = _RANGE.fullmatch(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # "bytes=-N": the last N bytes
        if int(last) == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - int(last)), size - 1
    first = int(first)
    if last and int(last) < first:
        return None
    if first >= size:
        return UNSATISFIABLE
    return first, min(int(last), size - 1) if last else size - 1


class _Slice:
    """``length`` bytes of an open file from its current position; closes the file."""

    def __init__(self, handle, length: int):
        self.handle, self.remaining = handle, length

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self.remaining:
            size = self.remaining
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def file_response(
    request,
    handle,
    *,
    content_type: str,
    filename: str,
    attachment: bool,
    public: bool,
    etag: str | None = None,
):
    """An open protected file as a response (206 for a byte range), never stored by shared
    caches; the file of an item that is not public (seen by staff or through a preview
    link) is not kept by the browser either, so it is gone once the link is."""
    size = getattr(handle, "size", None)
    byte_range = requested_range(request, size, etag)
    if byte_range == UNSATISFIABLE:
        handle.close()
        response = HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
    elif byte_range:
        first, last = byte_range
        handle.seek(first)
        response = FileResponse(
            _Slice(handle, last - first + 1),
            as_attachment=attachment,
            filename=filename,
            content_type=content_type,
            status=206,
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    else:
        response = FileResponse(
            handle, as_attachment=attachment, filename=filename, content_type=content_type
        )
    response["Accept-Ranges"] = "bytes"
    if etag and response.status_code != 416:
        response["ETag"] = etag
    _protect(response, public=public)
    return response
