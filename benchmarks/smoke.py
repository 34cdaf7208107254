#!/usr/bin/env python3
"""Run every benchmark of this folder at a tiny size, once: fails when one of them no longer runs.

    .venv/bin/python benchmarks/smoke.py      # part of make test

Each script is run with ``--smoke`` (a few cases, a few MiB, one run) in a
throwaway data folder, without ``DATABASE_URL``: each builds its own SQLite
database, or its own PostgreSQL cluster when it needs one. Figures are not
judged here (they belong to full runs on a quiet machine); only that every
script still logs in, drives the pages it measures and finishes cleanly. A new
benchmark is picked up by itself, and must accept ``--smoke``.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(folder: Path = HERE) -> list[Path]:
    """The runnable benchmarks: the files of the folder with a ``__main__`` block, this one aside."""
    return sorted(
        path
        for path in folder.glob("*.py")
        if path.name != Path(__file__).name and 'if __name__ == "__main__":' in path.read_text()
    )


def main(folder: Path = HERE) -> int:
    failed = []
    for script in scripts(folder):
        with tempfile.TemporaryDirectory(prefix="casebook-bench-smoke-") as data:
            environment = {**os.environ, "CASEBOOK_DATA_DIR": data, "CASEBOOK_LOG_LEVEL": "WARNING"}
            environment.pop("DATABASE_URL", None)
            environment.pop("DJANGO_SETTINGS_MODULE", None)
            started = time.monotonic()
            result = subprocess.run(  # noqa: S603
                [sys.executable, str(script), "--smoke"], env=environment, capture_output=True, text=True, timeout=900
            )
            took = time.monotonic() - started
        if result.returncode == 0:
            print(f"ok      {script.name} ({took:.0f} s)", flush=True)
        else:
            failed.append(script.name)
            print(f"FAILED  {script.name} (exit {result.returncode})\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    if failed:
        print(f"benchmarks that no longer run: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
