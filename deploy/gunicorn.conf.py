"""gunicorn settings for Casebook's web processes (compose, systemd and the smoke test).

Every value can be changed through the environment; see deploy/env.example.
The access log is JSON, and holds neither the client's address nor the
query string (a search for a person's name must not end up in a log).
"""

import multiprocessing
import os

bind = os.environ.get("CASEBOOK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CASEBOOK_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("CASEBOOK_WEB_THREADS", 1))
# Inline documents (without a broker) can take a while; the proxy waits 300 s.
timeout = int(os.environ.get("CASEBOOK_WEB_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so that a slow leak in a library cannot grow.
max_requests = 1000
max_requests_jitter = 100
# The proxy in front is the only client; it sets X-Forwarded-Proto itself.
forwarded_allow_ips = os.environ.get("CASEBOOK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
limit_request_line = 8190
limit_request_fields = 100
# Heartbeat files in memory, not on a possibly slow or read-only disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's heartbeat only
preload_app = False

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("CASEBOOK_LOG_LEVEL", "info").lower()
access_log_format = (
    '{"logger": "gunicorn.access", "time": "%(t)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "process": "%(p)s"}'
)
