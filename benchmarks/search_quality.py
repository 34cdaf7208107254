#!/usr/bin/env python3
"""Precision and recall of the case search on the search-quality set (tests/search_quality.py).

    .venv/bin/python benchmarks/search_quality.py
    .venv/bin/python tools/stack.py postgres -- .venv/bin/python benchmarks/search_quality.py

Builds a throwaway database (a temporary SQLite file, or the database named by
DATABASE_URL, which must be empty and disposable), creates the set's cases
through the services as an officer, runs every query through the list's search
and prints precision and recall by kind of query, the queries that missed a
case and any false friend found. Exits non-zero when recall is under 0.95 or a
false friend is found, as the test does.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("CASEBOOK_DATA_DIR", tempfile.mkdtemp(prefix="casebook-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings"
    os.environ.setdefault("CASEBOOK_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from casebook.roles import Role
    from cases.models import Case
    from tests.search_quality import PAIRS, evaluate, load, runner

    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        sys.exit("The cases table is not empty: point DATABASE_URL at a throwaway database.")
    officer = get_user_model().objects.create_user("quality-officer")
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    keys = load(officer)
    scores = evaluate(runner(keys))
    print(f"{len(PAIRS)} queries over {len(keys)} cases on {connection.vendor}\n")
    print(f"{'kind':<16} {'precision':>9} {'recall':>7}")
    for kind, score in sorted(scores.items(), key=lambda item: (item[0] == "all", item[0])):
        print(f"{kind:<16} {score.precision:>9.3f} {score.recall:>7.3f}")
    overall = scores["all"]
    for query, missed in overall.misses:
        print(f"missed: {query} → {', '.join(missed)}")
    for query, found in overall.false_friends:
        print(f"false friend: {query} → {', '.join(found)}")
    if overall.recall < 0.95 or overall.false_friends:
        sys.exit(1)


if __name__ == "__main__":
    main()
