"""manage.py trace_export FILE: which export a leaked document came from, or "not made here"."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casebook.audit import Action, record
from reporting.trace import trace


class Command(BaseCommand):
    help = "Identify the export a PDF or DOCX came from: who made it, for whom, when."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        found = trace(content)
        report = found.report
        if report is None:
            if found.ids_seen:
                self.stdout.write(f"not made here: it carries {', '.join(found.ids_seen)}, unknown to this database")
            else:
                self.stdout.write("not made here: no export id and no matching hash")
            raise SystemExit(1)
        record(actor=None, action=Action.REPORT_TRACED, target=report, detail={"how": found.how})
        cases = ", ".join(report.cases.order_by("reference").values_list("reference", flat=True))
        self.stdout.write(
            "\n".join(
                [
                    f"export:    {report.export_id or '—'} (found by {found.how})",
                    f"document:  {report.get_template_display()} ({report.language}, {report.file_format})",
                    f"profile:   {report.get_profile_display()}",
                    f"cases:     {cases}",
                    f"recipient: {report.recipient or '—'}",
                    f"made by:   {report.created_by.get_username()}",
                    f"made on:   {report.created_at:%Y-%m-%d %H:%M} UTC",
                    f"sha256:    {report.sha256}",
                ]
            )
        )
