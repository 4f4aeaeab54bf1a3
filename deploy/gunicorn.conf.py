"""gunicorn's settings for the portal: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be set by the environment, so one file serves a laptop (`make serve`) and
each app server behind the load balancer.
"""

import multiprocessing
import os

wsgi_app = "portail.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# (2 × cores) + 1 workers, gunicorn's own advice for I/O-bound Django, each with a few
# threads (gthread): a connection that sends slowly holds one thread, not the worker, and
# the worker's other threads keep answering. nginx in front reads whole bodies before
# passing them on, so slow clients do not reach the portal at all; gthread is for what
# gets past it (a direct probe, a slow upload at loopback speed). Measured with
# bench/slow_clients.py (README, "Slow clients"): 6 clients sending a body a byte a second
# to 2 sync workers without nginx's buffering left 0 of 6 pages answered and 6 WORKER
# TIMEOUTs; behind deploy/nginx.conf, 6 of 6 in under 0.2 s, sync or gthread.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# (gunicorn turns sync workers into gthread ones as soon as threads > 1.)
threads = int(os.environ.get("GUNICORN_THREADS", "4" if worker_class == "gthread" else "1"))
# A request is killed after this many seconds (the database gives up well before:
# DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT); workers finish their requests on reload (HUP).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are not replaced after a number of requests (GUNICORN_MAX_REQUESTS, 0: never).
# A gthread worker that leaves drops the connections it accepted but had not started:
# nginx got them reset, took the server out for 10 s, and with both app servers out
# answered 502 "no live upstreams" to everyone (bench/soak.py: 2 555 in 3 minutes, with
# 1000). The soak test measures the workers' memory instead (README, "Soak test").
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The proxy in front (nginx on the same machine) may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log and errors to stdout/stderr, for journald or any collector.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
