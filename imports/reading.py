"""Reading a spreadsheet row by row: CSV in any common encoding, XLSX and ODS.

CSV is streamed: one row in memory at a time, whatever the file's size. XLSX
and ODS are read with python-calamine (one library for both formats, no
formula evaluation, values as the spreadsheet last computed them); a sheet is
loaded one at a time, so its size is checked from the archive's own
description before it is opened: a sheet that declares more rows than
``IMPORT_MAX_ROWS``, or whose XML would expand beyond
``IMPORT_MAX_SHEET_BYTES``, is refused unread. Zip bombs and hostile archives
were refused earlier by the same intake checks as evidence.

Every cell comes out as text: dates as ISO dates, whole numbers without
``.0``. Nothing is evaluated; a cell that starts with ``=`` is text.
"""

import codecs
import csv
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.utils.translation import gettext as _

SNIFF_BYTES = 64 * 1024
ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1252": "Windows-1252 (Western)",
}
XLSX = "xlsx"
ODS = "ods"
CSV = "csv"


class Unreadable(Exception):
    """A file that cannot be read as a spreadsheet; the message is for the user."""


@dataclass
class Source:
    """Where the rows come from: a format, the sheet chosen, the encoding found (CSV)."""

    path: str
    file_format: str
    sheet: str = ""
    encoding: str = ""
    delimiter: str = ","


def file_format_for(media_type: str, name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    if media_type.endswith("spreadsheetml.sheet") or (media_type == "application/zip" and extension == ".xlsx"):
        return XLSX
    if media_type.endswith("opendocument.spreadsheet") or (media_type == "application/zip" and extension == ".ods"):
        return ODS
    if media_type.startswith("text/") or media_type in ("application/csv", "application/octet-stream"):
        return CSV
    raise Unreadable(_("This file is not a spreadsheet: send a CSV, XLSX or ODS file."))


# --- CSV ------------------------------------------------------------------------


def detect_encoding(path: str) -> str:
    """The encoding of a CSV file: its byte order mark, else UTF-8 if every byte decodes as UTF-8,
    else Windows-1256 (the Arabic encoding older Excel versions write)."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if _looks_utf16_without_mark(head):
            return "utf-16-le" if head[1:2] == b"\0" else "utf-16-be"
        decoder = codecs.getincrementaldecoder("utf-8")()
        handle.seek(0)
        try:
            while chunk := handle.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1256"
    return "utf-8"


def _looks_utf16_without_mark(head: bytes) -> bool:
    sample = head[:4096]
    return len(sample) >= 4 and sample.count(b"\0") >= len(sample) // 3


def _delimiter(path: str, encoding: str) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(SNIFF_BYTES)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _csv_rows(source: Source) -> Iterator[list[str]]:
    csv.field_size_limit(1024 * 1024)
    with open(source.path, encoding=source.encoding, errors="strict", newline="") as handle:
        try:
            for row in csv.reader(handle, delimiter=source.delimiter):
                yield [cell.strip() for cell in row]
        except UnicodeDecodeError:
            raise Unreadable(
                _("The file is not written in %(encoding)s. Choose its encoding and try again.")
                % {"encoding": ENCODINGS.get(source.encoding, source.encoding)}
            ) from None
        except csv.Error:
            raise Unreadable(_("The CSV file is malformed and cannot be read.")) from None


# --- XLSX and ODS -----------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def check_workbook_size(path: str, file_format: str) -> None:
    """Refuses, before the workbook is opened, a sheet too large to be read whole."""
    max_rows = settings.IMPORT_MAX_ROWS
    too_many = Unreadable(
        _("The sheet has more than %(limit)s rows. Split it into several files of at most %(limit)s rows.")
        % {"limit": f"{max_rows:,}"}
    )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Unreadable(_("The workbook is damaged and cannot be read.")) from None
    with archive:
        for entry in archive.infolist():
            name = entry.filename
            is_sheet = name.startswith("xl/worksheets/") if file_format == XLSX else name == "content.xml"
            if not is_sheet:
                continue
            if entry.file_size > settings.IMPORT_MAX_SHEET_BYTES:
                raise too_many
            if file_format == XLSX:
                with archive.open(entry) as member:
                    head = member.read(4096)
                match = _DIMENSION.search(head)
                if match and int(match.group(1)) > max_rows + 1:
                    raise too_many


def _open_workbook(path: str):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(path)
    except Exception:  # calamine raises its own errors for every kind of damage
        raise Unreadable(_("The workbook is damaged and cannot be read.")) from None


def _sheet_rows(source: Source) -> Iterator[list[str]]:
    workbook = _open_workbook(source.path)
    try:
        sheet = workbook.get_sheet_by_name(source.sheet) if source.sheet else workbook.get_sheet_by_index(0)
    except Exception:
        raise Unreadable(_("The sheet “%(sheet)s” is not in this workbook.") % {"sheet": source.sheet}) from None
    if sheet.height > settings.IMPORT_MAX_ROWS + 1:
        raise Unreadable(
            _("The sheet has more than %(limit)s rows. Split it into several files of at most %(limit)s rows.")
            % {"limit": f"{settings.IMPORT_MAX_ROWS:,}"}
        )
    for row in sheet.iter_rows():
        yield [_cell_text(value) for value in row]


# --- Both ------------------------------------------------------------------------


def open_source(path: str, *, file_format: str, sheet: str = "", encoding: str = "") -> Source:
    """A readable source, its encoding and delimiter found (CSV) or its size checked (workbooks)."""
    if file_format == CSV:
        encoding = encoding or detect_encoding(path)
        return Source(path=path, file_format=CSV, encoding=encoding, delimiter=_delimiter(path, encoding))
    check_workbook_size(path, file_format)
    return Source(path=path, file_format=file_format, sheet=sheet)


def sheet_names(source: Source) -> list[str]:
    if source.file_format == CSV:
        return []
    workbook = _open_workbook(source.path)
    return list(workbook.sheet_names)


def read_rows(source: Source) -> Iterator[tuple[int, list[str]]]:
    """Every row of the source as (its row number in the sheet, its text cells), the header first;
    blank rows left out.

    Raises Unreadable when the file turns out unreadable part way, or holds
    more than ``IMPORT_MAX_ROWS`` rows (counted as they come, never read whole).
    """
    rows = _csv_rows(source) if source.file_format == CSV else _sheet_rows(source)
    for number, row in enumerate(rows, start=1):
        if number > settings.IMPORT_MAX_ROWS + 1:
            raise Unreadable(
                _("The sheet has more than %(limit)s rows. Split it into several files of at most %(limit)s rows.")
                % {"limit": f"{settings.IMPORT_MAX_ROWS:,}"}
            )
        if any(row):
            yield number, row


def header_and_rows(source: Source) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    rows = read_rows(source)
    first = next(rows, None)
    if first is None:
        raise Unreadable(_("The sheet is empty."))
    return first[1], rows
