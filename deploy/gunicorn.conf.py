"""gunicorn's settings for the portal: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be set by the environment, so one file serves a laptop (`make serve`) and
each app server behind the load balancer.
"""

import multiprocessing
import os

wsgi_app = "portail.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: (2 × cores) + 1, gunicorn's own advice for I/O-bound Django.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request is killed after this many seconds (the database gives up well before:
# DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT); workers finish their requests on reload (HUP).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycled now and then, so that no worker grows forever.
max_requests = 1000
max_requests_jitter = 100
# The proxy in front (nginx on the same machine) may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log and errors to stdout/stderr, for journald or any collector.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
