"""Staff accounts: the editorial roles (``roles``), login throttling (``throttling``) and
the forgotten-password pages (``password_reset``)."""
