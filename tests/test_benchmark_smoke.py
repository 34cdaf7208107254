"""The smoke run of make test fails when a benchmark no longer runs (benchmarks/smoke.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _smoke():
    spec = importlib.util.spec_from_file_location("benchmark_smoke", ROOT / "benchmarks" / "smoke.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAIN = 'if __name__ == "__main__":\n'


def test_every_runnable_benchmark_is_in_the_smoke_run():
    names = {path.name for path in _smoke().scripts()}
    assert {"pages.py", "upload.py", "case_list.py", "documents.py", "verify_audit.py"} <= names
    assert "login.py" not in names and "smoke.py" not in names  # helpers and the runner itself


def test_the_smoke_run_fails_when_a_benchmark_breaks(tmp_path, capsys):
    smoke = _smoke()
    (tmp_path / "fine.py").write_text(f"import sys\n{MAIN}    sys.exit(0 if sys.argv[1:] == ['--smoke'] else 2)\n")
    assert smoke.main(tmp_path) == 0
    (tmp_path / "broken.py").write_text(f"{MAIN}    raise SystemExit('upload failed: 302 Found')\n")
    assert smoke.main(tmp_path) == 1
    output = capsys.readouterr().out
    assert "FAILED  broken.py" in output and "upload failed: 302 Found" in output and "ok      fine.py" in output
