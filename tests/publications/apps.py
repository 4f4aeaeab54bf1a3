from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    """A fifth content type that exists only in the tests: it proves that a new type is
    one app and one registration, and the contract tests (tests/test_content_types.py)
    run over it as over the portal's own types."""

    name = "tests.publications"
    label = "publications"
    verbose_name = "Publications"

    def ready(self):
        from cuf import content_types
        from tests.publications.content import CONTENT_TYPE

        content_types.register(CONTENT_TYPE)
