"""Running the portal: backups and restores (``backups``), ``/health/`` (``health``), the
page of last resort (``errors``), request body limits (``request_limits``) and the
Content-Security-Policy (``csp``)."""
