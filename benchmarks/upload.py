#!/usr/bin/env python3
"""Evidence upload through the whole Django stack versus ``sha256sum`` of the same file.

    .venv/bin/python benchmarks/upload.py              # 1 GiB, as in the product's quality bar
    .venv/bin/python benchmarks/upload.py --mib 256    # quicker
    .venv/bin/python benchmarks/upload.py --smoke      # does it still run? (make test)

The upload is one multipart POST to the upload view, driven through Django's
WSGI handler (every middleware, the session and CSRF checks, the multipart
parser, the hashing upload handler, the content checks, the storage and the
database commit) with the body streamed from the file, as a WSGI server would.
The file is a valid MP4 (an ``ftyp`` box, then random media data), so it is
accepted as video. Each run uses different bytes, so that no run finds its
original already stored.

Reported: wall time of ``sha256sum`` (best of the runs), wall time of the
upload (best of the runs), their ratio, and the peak resident memory the
upload added over the process's memory just before it (VmHWM reset through
/proc/self/clear_refs). Target: ratio <= 1.3, extra memory < 64 MiB.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MiB = 1024 * 1024


def make_mp4(path: Path, size: int) -> None:
    ftyp = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    mdat_header = (1).to_bytes(4, "big") + b"mdat" + (size - len(ftyp)).to_bytes(8, "big")
    with open(path, "wb") as handle:
        handle.write(ftyp + mdat_header)
        left = size - len(ftyp) - len(mdat_header)
        while left > 0:
            block = os.urandom(min(8 * MiB, left))
            handle.write(block)
            left -= len(block)


def mark_run(path: Path, run: int) -> None:
    """Change a few media bytes so that each run uploads a file never seen before."""
    with open(path, "r+b") as handle:
        handle.seek(40)
        handle.write(run.to_bytes(8, "big") + os.urandom(8))


def proc_status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


class MultipartBody:
    """A multipart/form-data body read straight from the file, like a socket would deliver it."""

    def __init__(self, path: Path, boundary: str, csrf: str):
        self.preamble = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{csrf}\r\n"
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{path.stem}.mp4"\r\n'
            "Content-Type: video/mp4\r\n\r\n"
        ).encode()
        self.epilogue = f"\r\n--{boundary}--\r\n".encode()
        self.file = open(path, "rb")  # noqa: SIM115
        self.length = len(self.preamble) + path.stat().st_size + len(self.epilogue)
        self.stage = 0

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.length
        out = b""
        while len(out) < size and self.stage < 3:
            if self.stage == 0:
                out, self.preamble, self.stage = self.preamble, b"", 1
            elif self.stage == 1:
                chunk = self.file.read(size - len(out))
                if chunk:
                    out += chunk
                else:
                    self.stage = 2
            else:
                out, self.epilogue, self.stage = out + self.epilogue, b"", 3
        return out

    def readline(self, size=-1):  # part of the WSGI input interface; the multipart parser does not use it
        line = b""
        while not line.endswith(b"\n") and (size < 0 or len(line) < size) and (byte := self.read(1)):
            line += byte
        return line

    def close(self):
        self.file.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=1024, help="file size in MiB (default 1024)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement (best is kept)")
    parser.add_argument("--workdir", help="where the file and the data go (default: a new temporary folder)")
    parser.add_argument("--no-fsync", action="store_true", help="skip the fsync before keeping the file")
    parser.add_argument("--smoke", action="store_true", help="2 MiB, one run: only checks that the benchmark runs")
    args = parser.parse_args()
    if args.smoke:
        args.mib, args.runs = 2, 1

    work = Path(args.workdir or tempfile.mkdtemp(prefix="casebook-upload-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CASEBOOK_DATA_DIR"] = str(work / "data")
    os.environ["CASEBOOK_MAX_UPLOAD_BYTES"] = str((args.mib + 16) * MiB)
    os.environ["CASEBOOK_EVIDENCE_FSYNC"] = "false" if args.no_fsync else "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")
    try:
        return run(args, work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    from benchmarks.login import ensure_user, login_with_test_client
    from casebook.roles import Role
    from evidence.models import EvidenceItem
    from tests.factories import CaseFactory

    call_command("migrate", verbosity=0)
    # Logged in through both steps, as a person would: a session without the second factor
    # would only measure the redirect to the second-factor page.
    officer, device = ensure_user("bench-officer", Role.OFFICER)
    client = Client(HTTP_HOST="localhost")
    login_with_test_client(client, officer.username, device)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    handler = WSGIHandler()

    def upload(path: Path) -> tuple[float, int, int]:
        case = CaseFactory(created_by=officer)
        boundary = "casebook-bench-boundary-7f3a"
        body = MultipartBody(path, boundary, csrf)
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": f"/evidence/case/{case.reference}/upload/",
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(body.length),
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost",
            "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "HTTP_ACCEPT": "application/json",
            "wsgi.input": body,
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        statuses = []
        before = proc_status("VmRSS")
        reset_peak()
        started = time.perf_counter()
        response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        content = b"".join(response)
        elapsed = time.perf_counter() - started
        peak = proc_status("VmHWM")
        body.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"upload failed: {statuses[0]} {content[:500]!r}")
        return elapsed, peak - before, EvidenceItem.objects.filter(case=case).get().size

    source = work / "evidence.mp4"
    print(f"Making a {args.mib} MiB file in {work} ...", flush=True)
    make_mp4(source, args.mib * MiB)
    warm = work / "warm.mp4"
    make_mp4(warm, 2 * MiB)
    upload(warm)  # imports, libmagic, first queries: not part of the measurement

    # Runs alternate (sha256sum, then the upload) so that both see the same load on a shared machine.
    hash_times, openssl_times, upload_times, extras = [], [], [], []
    for number in range(args.runs):
        mark_run(source, number)
        started = time.perf_counter()
        subprocess.run(["sha256sum", str(source)], check=True, capture_output=True)  # noqa: S603, S607
        hash_times.append(time.perf_counter() - started)
        if shutil.which("openssl"):  # the same hash through OpenSSL, which Python's hashlib also uses
            started = time.perf_counter()
            subprocess.run(["openssl", "dgst", "-sha256", str(source)], check=True, capture_output=True)  # noqa: S603, S607
            openssl_times.append(time.perf_counter() - started)
        elapsed, extra, size = upload(source)
        assert size == args.mib * MiB
        upload_times.append(elapsed)
        extras.append(extra)
        print(
            f"  run {number + 1}: sha256sum {hash_times[-1]:.2f} s, upload {elapsed:.2f} s "
            f"(ratio {elapsed / hash_times[-1]:.2f}), peak extra memory {extra / MiB:.1f} MiB",
            flush=True,
        )

    best_hash, best_upload, worst_extra = min(hash_times), min(upload_times), max(extras)
    ratio = best_upload / best_hash
    paired = sorted(upload / hashed for upload, hashed in zip(upload_times, hash_times, strict=True))
    print(f"file: {args.mib} MiB; fsync before keeping: {'no' if args.no_fsync else 'yes'}")
    print(f"sha256sum:            {best_hash:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in hash_times)})")
    if openssl_times:
        print(f"openssl dgst -sha256: {min(openssl_times):.2f} s  (for reference: the hash alone, as hashlib does it)")
    print(f"upload through Django: {best_upload:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in upload_times)})")
    print(f"ratio of the best times: {ratio:.2f}x; median ratio of paired runs: {paired[len(paired) // 2]:.2f}x")
    print("target: <= 1.3x")
    print(f"peak extra memory: {worst_extra / MiB:.1f} MiB (target < 64)")
    if args.smoke:  # a file this small measures fixed costs, not the targets
        return 0
    return 0 if ratio <= 1.3 and worst_extra < 64 * MiB else 1


if __name__ == "__main__":
    sys.exit(main())
