"""Reading every format and encoding a sheet arrives in, and refusing the hostile ones before they are read."""

import io
import zipfile

import pytest

from imports import services
from imports.reading import Unreadable
from tests.imports.files import HEADER, ROWS, csv_bytes, ods_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

ARABIC_TITLE = ROWS[0][1]


def first_rows(run):
    header, sample = services.run_sample(run)
    return header, sample


@pytest.mark.parametrize(
    ("name", "content", "encoding"),
    [
        ("utf8.csv", csv_bytes(), "utf-8"),
        ("bom.csv", b"\xef\xbb\xbf" + csv_bytes(), "utf-8-sig"),
        ("utf16.csv", csv_bytes(encoding="utf-16"), "utf-16"),
        ("windows.csv", csv_bytes(encoding="cp1256"), "cp1256"),
        ("semicolons.csv", csv_bytes(delimiter=";"), "utf-8"),
        ("tabs.csv", csv_bytes(delimiter="\t"), "utf-8"),
    ],
)
def test_csv_in_every_common_encoding_keeps_every_arabic_letter(officer, name, content, encoding):
    run = services.import_upload(actor=officer, uploaded=upload(name, content))

    header, sample = first_rows(run)

    assert run.encoding == encoding
    assert header == HEADER
    assert sample == ROWS


def test_xlsx_with_several_sheets_reads_the_one_chosen(officer):
    content = xlsx_bytes({"Notes": [["read me first"]], "Arrests": [HEADER, *ROWS]})
    run = services.import_upload(actor=officer, uploaded=upload("log.xlsx", content))
    assert services.run_sheets(run) == ["Notes", "Arrests"]
    assert first_rows(run)[0] == ["read me first"]

    services.import_reread(actor=officer, run=run, sheet="Arrests", encoding="")

    assert first_rows(run) == (HEADER, ROWS)


def test_xlsx_dates_and_numbers_come_out_as_text(officer):
    from datetime import date

    content = xlsx_bytes({"Log": [["Id", "Date"], [7, date(2024, 3, 5)], [8.0, "2024"]]})
    run = services.import_upload(actor=officer, uploaded=upload("log.xlsx", content))

    assert first_rows(run)[1] == [["7", "2024-03-05"], ["8", "2024"]]


def test_ods_is_read(officer):
    run = services.import_upload(
        actor=officer, uploaded=upload("log.ods", ods_bytes({"Monitoring": [HEADER, *ROWS], "Other": [["x"]]}))
    )
    assert services.run_sheets(run) == ["Monitoring", "Other"]
    assert first_rows(run) == (HEADER, ROWS)


def test_a_formula_cell_is_text_never_evaluated(officer):
    rows = [["=1+1", '=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0"]]
    run = services.import_upload(actor=officer, uploaded=upload("f.csv", csv_bytes(rows, header=["a", "b", "c"])))
    assert first_rows(run)[1] == rows


def test_an_xlsx_formula_gives_its_cached_value_not_a_computation(officer):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Title"])
    workbook.active.append(['=WEBSERVICE("http://evil.example")'])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = services.import_upload(actor=officer, uploaded=upload("f.xlsx", buffer.getvalue()))

    # openpyxl writes no cached value: the cell reads empty, and nothing was fetched or computed.
    assert first_rows(run)[1] in ([], [[""]])


def test_a_zip_bomb_disguised_as_xlsx_is_refused_like_evidence(officer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    from evidence.uploads import UploadRefused

    with pytest.raises(UploadRefused, match="decompression bomb"):
        services.import_upload(actor=officer, uploaded=upload("bomb.xlsx", buffer.getvalue()))


def test_a_sheet_declaring_a_million_rows_is_refused_before_it_is_read(officer, settings):
    content = xlsx_bytes({"Log": [HEADER, *ROWS]})
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:H4"/>', b'<dimension ref="A1:H1000000"/>')
                assert b"A1:H1000000" in data
            target.writestr(entry, data)

    with pytest.raises(Unreadable, match="more than 200,000 rows"):
        services.import_upload(actor=officer, uploaded=upload("huge.xlsx", buffer.getvalue()))


def test_a_csv_over_the_row_limit_is_refused_while_it_streams(officer, settings):
    settings.IMPORT_MAX_ROWS = 50
    rows = [[str(number), f"Case {number}", "EG", "2024", "FB", "removal", "", ""] for number in range(60)]
    run = services.import_upload(actor=officer, uploaded=upload("long.csv", csv_bytes(rows)))
    from tests.imports.conftest import sample_mapping

    with pytest.raises(Unreadable, match="more than 50 rows"):
        services.import_preview(actor=officer, run=run, mapping=sample_mapping())

    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())
    assert (run.status, run.error, run.created) == ("failed", "unreadable", 0)


def test_a_file_that_is_not_a_spreadsheet_is_refused(officer):
    from evidence.uploads import UploadRefused

    with pytest.raises((Unreadable, UploadRefused)):
        services.import_upload(actor=officer, uploaded=upload("cases.csv", b"MZ\x90\x00" + b"\x00" * 200))
    with pytest.raises(Unreadable, match="not a spreadsheet"):
        services.import_upload(actor=officer, uploaded=upload("photo.png", _png()))


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def test_suggestions_from_headers_in_both_languages_and_from_values():
    header = ["تاريخ الاعتقال", "Platform", "المنصة", "Unnamed", "Where"]
    sample = [["2024-03-05", "FB", "فيسبوك", "حذف محتوى", "Egypt"], ["2024-04", "X", "تويتر", "arrest", "Tunisia"]]

    suggested = services.suggest_mapping(header, sample)

    assert suggested == {"0": "start_date", "1": "platform", "3": "violation_type", "4": "country"}
