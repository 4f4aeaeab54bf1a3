"""Byte ranges as a rule (RFC 9110, section 14): any one range a player may ask for.

For a file of ``size`` bytes, "bytes=first-last", "bytes=first-" and "bytes=-suffix" get
exactly the bytes the RFC names (206, with their Content-Range), a range starting past
the end or an empty suffix gets 416 with the size, and a range that ends before it starts
is ignored (the whole file). The expected answer is computed here from the RFC, not from
cuf.files.serving.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.models import Resource
from tests.factories import resource_with_file
from tests.files import wav_upload
from tests.helpers import file_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def sound():
    resource = resource_with_file(kind=Resource.Kind.SOUND, upload=wav_upload())
    return resource.file_url, wav_upload().read()


def expected_answer(header: str, whole: bytes) -> tuple[int, bytes | None, str | None]:
    """(status, body, Content-Range) RFC 9110 gives for one well-formed range."""
    size = len(whole)
    first, last = header.removeprefix("bytes=").split("-")
    if not first:
        suffix = int(last)
        if suffix == 0:
            return 416, None, f"bytes */{size}"
        start = max(size - suffix, 0)
        return 206, whole[start:], f"bytes {start}-{size - 1}/{size}"
    start = int(first)
    if last and int(last) < start:
        return 200, whole, None
    if start >= size:
        return 416, None, f"bytes */{size}"
    end = min(int(last), size - 1) if last else size - 1
    return 206, whole[start : end + 1], f"bytes {start}-{end}/{size}"


positions = st.integers(min_value=0, max_value=10_000)
ranges = st.one_of(
    st.builds(lambda first, last: f"bytes={first}-{last}", positions, positions),
    st.builds(lambda first: f"bytes={first}-", positions),
    st.builds(lambda suffix: f"bytes=-{suffix}", positions),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=ranges)
def test_any_single_range_gets_exactly_the_bytes_the_rfc_names(client, sound, header):
    url, whole = sound
    status, body, content_range = expected_answer(header, whole)

    response = client.get(url, headers={"Range": header})

    assert response.status_code == status, header
    assert response.get("Content-Range") == content_range, header
    if body is not None:
        assert file_content(response) == body, header
        assert response["Content-Length"] == str(len(body)), header


@pytest.mark.parametrize("extra", [0, 1, 1000])
def test_a_suffix_longer_than_the_file_gets_the_whole_file_as_one_range(client, sound, extra):
    url, whole = sound
    response = client.get(url, headers={"Range": f"bytes=-{len(whole) + extra}"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-{len(whole) - 1}/{len(whole)}"
    assert file_content(response) == whole
