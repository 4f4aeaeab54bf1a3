"""The Django project: settings, root URLs, WSGI and ASGI. The domain lives in the apps."""
