#!/usr/bin/env python3
"""Throwaway local instances of the production components, for the test suite.

    python tools/stack.py postgres -- pytest ...

runs the command with ``DATABASE_URL`` pointing at a PostgreSQL cluster made
for the occasion (``initdb``/``pg_ctl`` in a temporary folder, on a free
loopback port) and removes the cluster afterwards. When ``DATABASE_URL`` is
already set, that database is used and nothing is started.

The same module starts an S3-compatible server (moto in server mode) and
Redis for the tests that need them (see ``tests/conftest.py``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class Unavailable(RuntimeError):
    """A component that cannot be started on this machine; the message says why."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Unavailable(f"process exited with {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise Unavailable(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def _postgres_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return candidates[-1]
    if found := shutil.which(name):
        return found
    raise Unavailable(f"PostgreSQL's {name} is not installed (Debian package: postgresql)")


def _as_service_user(command: list[str]) -> tuple[list[str], int | None]:
    """PostgreSQL refuses to run as root; run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return command, None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        user = pwd.getpwnam("nobody")
    return ["runuser", "-u", user.pw_name, "--", *command], user.pw_uid


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A fresh cluster on a free port; yields its DATABASE_URL and removes it on exit."""
    folder = tempfile.mkdtemp(prefix="casebook-pg-")
    data = os.path.join(folder, "data")
    port = free_port()
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    _, uid = _as_service_user([])
    if uid is not None:
        os.chown(folder, uid, -1)
    log = os.path.join(folder, "server.log")
    try:
        subprocess.run(
            _as_service_user([initdb, "-D", data, "-U", "casebook", "-A", "trust", "-E", "UTF8", "--no-sync"])[0],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_service_user([pg_ctl, "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"])[0],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"could not start PostgreSQL: {error}") from error
    try:
        yield f"postgres://casebook@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_service_user([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"])[0],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _server(command: list[str], port: int, name: str) -> Iterator[None]:
    with tempfile.TemporaryFile() as log:
        try:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        except FileNotFoundError as error:
            raise Unavailable(f"{name} is not installed: {error}") from error
        try:
            wait_for_port(port, process=process)
            yield
        except Unavailable as error:
            log.seek(0)
            raise Unavailable(f"{name}: {error}\n{log.read()[-2000:].decode(errors='replace')}") from error
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def s3() -> Iterator[str]:
    """An S3-compatible server (moto in server mode); yields its endpoint URL."""
    port = free_port()
    server = Path(sys.executable).with_name("moto_server")
    with _server([str(server), "-H", "127.0.0.1", "-p", str(port)], port, "moto_server"):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def redis() -> Iterator[str]:
    """A Redis server that keeps nothing on disk; yields its URL."""
    port = free_port()
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with _server(command, port, "redis-server"):
        yield f"redis://127.0.0.1:{port}/0"


def main(argv: list[str]) -> int:
    if "--" not in argv or argv[0] != "postgres":
        print(__doc__, file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    if os.environ.get("DATABASE_URL"):
        return subprocess.call(command)
    with postgres() as url:
        print(f"Throwaway PostgreSQL at {url}", flush=True)
        return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
