#!/usr/bin/env python
import os
import sys

# Commands that only read the code, never the site's data or secrets: they run with the
# development settings when DEBUG is not set, rather than refusing for want of a
# SECRET_KEY. Every other command (migrate, check, runserver…) keeps the production rule.
CODE_ONLY_COMMANDS = {"makemigrations"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.base")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in CODE_ONLY_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    # Maintenance commands (migrate, rebuild_search_index, backup…) may run long statements;
    # the limit that protects visitors (settings.DB_STATEMENT_TIMEOUT) is for serving.
    if command != "runserver":
        os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
