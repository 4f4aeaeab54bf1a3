"""Themes: the one vocabulary (``models``), writes on it (``services``: tag, rename, merge),
the theme links' copies of their items (``links``) and what pages read (``selectors``)."""
