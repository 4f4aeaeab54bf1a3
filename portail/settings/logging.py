"""Logging: to stdout, one JSON object a line or plain text, for whatever collects the
service's output; errors mailed to ADMINS."""


def logging_config(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: ``log_format`` is "json" or "text"; ``level`` the root's."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            },
            # Sends nothing while ADMINS is empty.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's own "django" logger setup: errors (django.request's among them)
            # are mailed, and everything reaches the console once, through the root.
            "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
            # Anyone can send a wrong Host header: logged, never mailed (no mailbox flood).
            "django.security.DisallowedHost": {
                "handlers": ["console"],
                "level": "WARNING",
                "propagate": False,
            },
        },
    }
