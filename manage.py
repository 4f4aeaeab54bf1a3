#!/usr/bin/env python
import os
import sys

# Commands that only read the code, never the site's data or secrets: they run with the
# development settings when DEBUG is not set, rather than refusing for want of a
# SECRET_KEY. Every other command (migrate, check, runserver…) keeps the production rule.
CODE_ONLY_COMMANDS = {"makemigrations"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cuf.settings")
    if sys.argv[1:2] and sys.argv[1] in CODE_ONLY_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
