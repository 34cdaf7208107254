"""Every sentence the application can show has its Arabic translation.

The catalogue is extracted anew from the source (as ``makemessages`` does) into a copy of the
project, and every entry must be translated and none left fuzzy: a string added in English
without its Arabic would otherwise reach the Arabic interface in English.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["api", "casebook", "cases", "evidence", "imports", "reporting", "templates", "static", "manage.py"]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by make test")
def test_every_message_of_the_source_is_translated_into_arabic(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "casebook.settings"},
    )
    catalogue = tmp_path / "locale/ar/LC_MESSAGES/django.po"
    statistics = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    counts = {kind: int(number) for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", statistics)}
    if counts.get("untranslated") or counts.get("fuzzy"):
        examples = "".join(
            subprocess.run(
                ["msgattrib", which, "--no-obsolete", str(catalogue)],
                capture_output=True,
                text=True,
            ).stdout
            for which in ("--untranslated", "--only-fuzzy")
        )
        pytest.fail(f"{statistics.strip()}\n{examples[-3000:]}")
    assert counts["translated"] > 1000  # the catalogue was read
