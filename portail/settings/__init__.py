"""The portal's settings, read from the environment: ``base`` is the entry point
(``DJANGO_SETTINGS_MODULE=portail.settings.base``), with the rich-text editor's toolbar
(``editor``) and logging (``logging``) in their own modules; ``test`` pins what tests need."""
