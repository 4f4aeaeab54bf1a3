"""What the browser tests do often, as a visitor would."""


def download_from(page, link_name: str) -> tuple[str, bytes]:
    """Click the link named ``link_name`` and wait for the file it downloads: the name the
    browser suggests, and the bytes it received."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    download = download_info.value
    with open(download.path(), "rb") as downloaded:
        return download.suggested_filename, downloaded.read()
