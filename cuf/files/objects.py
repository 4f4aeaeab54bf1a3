"""Files kept in an S3-compatible bucket, read by byte range rather than fetched whole.

django-storages opens an object by downloading all of it to a temporary file first: a
500 MB video would wait for the whole download before its first byte reaches the
visitor, and a seek in a player would fetch it all again. ``BucketObject`` reads like an
open file instead, and asks the bucket only for the bytes from the current position on.
"""

from botocore.exceptions import ClientError
from storages.backends.s3 import S3Storage

MISSING = {"404", "NoSuchKey", "NotFound"}


def in_bucket(storage) -> bool:
    return isinstance(storage, S3Storage)


class BucketObject:
    """A stored object as a read-only file: ``seek`` is free, ``read`` streams one ranged GET."""

    def __init__(self, storage: S3Storage, name: str):
        # The storage's own key for a name (its optional prefix applied).
        self._object = storage.bucket.Object(storage._normalize_name(name))
        try:
            self.size = self._object.content_length
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                raise FileNotFoundError(name) from error
            raise
        self._position = 0
        self._body = None

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: self.size}[whence]
        position = max(0, base + offset)
        if position != self._position:
            self._close_body()
            self._position = position
        return position

    def read(self, size: int = -1) -> bytes:
        if self._position >= self.size:
            return b""
        if self._body is None:
            answer = self._object.get(Range=f"bytes={self._position}-")
            self._body = answer["Body"]
        data = self._body.read(None if size is None or size < 0 else size)
        self._position += len(data)
        return data

    def _close_body(self) -> None:
        if self._body is not None:
            self._body.close()
            self._body = None

    def close(self) -> None:
        self._close_body()
