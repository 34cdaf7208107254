"""Database triggers that make the audit table append-only."""

TABLE = "casebook_auditevent"

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END""",
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]

POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP; END; $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse()""",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_REMOVE
    raise NotImplementedError(f"no append-only triggers for {vendor}: use SQLite or PostgreSQL")


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def remove(connection) -> None:
    """Only for the test suite's flush between transactional tests."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)


# The triggers each database must hold, by name, for the table to be append-only.
EXPECTED = {
    "sqlite": {f"{TABLE}_no_update", f"{TABLE}_no_delete"},
    "postgresql": {f"{TABLE}_append_only", f"{TABLE}_no_truncate"},
}


def missing(connection) -> list[str]:
    """The append-only triggers that are absent (or, on PostgreSQL, disabled), sorted by name."""
    expected = EXPECTED.get(connection.vendor)
    if expected is None:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal "
                "AND tgenabled <> 'D'",
                [TABLE],
            )
        present = {row[0] for row in cursor.fetchall()}
    return sorted(expected - present)
