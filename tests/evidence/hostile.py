"""The hostile corpus of documents, drawings and polyglots, built byte by byte: no binary is kept.

Office packages, OpenDocument files and e-books are assembled member by
member; OLE (compound file) parts by a small writer of the format; PDFs with
pikepdf, so that their active content can sit in compressed object streams.
"""

import io
import struct
import zipfile

import pikepdf

from tests.evidence import corpus

# --- Compound files (OLE / CFB) ---------------------------------------------------

SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _directory_entry(name: str, kind: int, child=NO_STREAM, right=NO_STREAM, start=0, size=0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, black
        + struct.pack("<III", NO_STREAM, right, child)  # left sibling, right sibling, child
        + bytes(16 + 4 + 16)  # class id, state bits, times
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file holding ``streams`` (paths like ``VBA/dir``) in one storage level.

    Each stream is padded to 4 KiB so that none lives in the mini stream: the
    writer stays short and any reader (olefile, libmagic) accepts the file.
    """
    storages: dict[str, list[str]] = {}
    roots: list[str] = []
    for path in streams:
        if "/" in path:
            storage, name = path.split("/", 1)
            if storage not in storages:
                storages[storage] = []
                roots.append(storage)
            storages[storage].append(name)
        else:
            roots.append(path)
    order = ["Root Entry"]
    for name in roots:
        order.append(name)
        order += [f"{name}/{child}" for child in storages.get(name, [])]
    index = {name: position for position, name in enumerate(order)}
    data = {path: content.ljust(4096, b"\0") for path, content in streams.items()}
    directory_sectors = (len(order) * 128 + SECTOR - 1) // SECTOR
    next_sector = 1 + directory_sectors
    starts = {}
    for path in streams:
        starts[path] = next_sector
        next_sector += len(data[path]) // SECTOR
    fat = [FAT_SECTOR] + [position + 2 for position in range(directory_sectors - 1)] + [END_OF_CHAIN]
    for path in streams:
        count = len(data[path]) // SECTOR
        fat += [starts[path] + position + 1 for position in range(count - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))

    def siblings(names: list[str]) -> dict[str, int]:
        return {name: index[names[position + 1]] for position, name in enumerate(names[:-1])}

    root_right = siblings(roots)
    entries = [_directory_entry("Root Entry", 5, child=index[roots[0]], start=END_OF_CHAIN)]
    for name in order[1:]:
        if "/" in name:
            storage, child = name.split("/", 1)
            children = [f"{storage}/{item}" for item in storages[storage]]
            right = siblings(children).get(name, NO_STREAM)
            entries.append(_directory_entry(child, 2, right=right, start=starts[name], size=len(streams[name])))
        elif name in storages:
            first = index[f"{name}/{storages[name][0]}"]
            entries.append(_directory_entry(name, 1, child=first, right=root_right.get(name, NO_STREAM)))
        else:
            right = root_right.get(name, NO_STREAM)
            entries.append(_directory_entry(name, 2, right=right, start=starts[name], size=len(streams[name])))
    directory = b"".join(entries).ljust(directory_sectors * SECTOR, b"\0")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([FREE] * 108))
    )
    body = struct.pack(f"<{SECTOR // 4}I", *fat) + directory + b"".join(data[path] for path in streams)
    return header + body


def vba_project() -> bytes:
    """What Office stores as vbaProject.bin: a VBA storage with its dir and project streams."""
    return compound_file(
        {
            "VBA/dir": b"\x01" + bytes(64),
            "VBA/_VBA_PROJECT": b"\xcc\x61" + bytes(16),
            "VBA/ThisDocument": b'Attribute VB_Name = "ThisDocument"\r\nSub AutoOpen()\r\nShell "calc"\r\nEnd Sub\r\n',
            "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument/&H00000000\r\n',
        }
    )


def ole_package(payload: bytes) -> bytes:
    """An embedded OLE object as Word stores one: a package holding a file."""
    return compound_file({"\x01Ole10Native": struct.pack("<I", len(payload)) + payload, "\x01CompObj": bytes(64)})


# --- Office Open XML ------------------------------------------------------------

MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BODY = {
    "docx": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>\xd8\xa8\xd9\x8a\xd8\xa7\xd9\x86</w:t></w:r></w:p></w:body></w:document>",
    "xlsx": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
    "pptx": b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
}


def relationships(*rows: tuple[str, str, str | None]) -> bytes:
    """A .rels part from (type suffix, target, target mode) rows."""
    items = "".join(
        f'<Relationship Id="rId{number}" Type="{RELATIONSHIP}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for number, (kind, target, mode) in enumerate(rows, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    ).encode()


def ooxml(kind: str = "docx", *, parts: dict | None = None, main_rels=(), content_types_extra: str = "") -> bytes:
    """A well-formed package of the kind, with extra ``parts`` and relationships of its main part."""
    main, main_type = MAIN[kind]
    folder = main.split("/")[0]
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            f'<Override PartName="/{main}" ContentType="{main_type}"/>{content_types_extra}</Types>'
        ).encode(),
        "_rels/.rels": relationships(("officeDocument", main, None)),
        main: BODY[kind],
        "docProps/core.xml": b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties"/>',
    }
    if main_rels:
        members[f"{folder}/_rels/{main.split('/')[-1]}.rels"] = relationships(*main_rels)
    members.update(parts or {})
    return corpus.zip_of(members)


# --- OpenDocument and EPUB --------------------------------------------------------

ODF_MEDIA = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ODF_CONTENT = (
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    b'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    b'xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" office:version="1.3">'
    b"<office:body><office:text><text:p>%s</text:p></office:text></office:body></office:document-content>"
)


def _package(first: tuple[str, bytes] | None, members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first is not None:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odf(kind: str = "odt", *, body: bytes = b"", parts: dict | None = None, mimetype: str | None = None) -> bytes:
    media_type = mimetype if mimetype is not None else ODF_MEDIA[kind]
    members = {
        "META-INF/manifest.xml": (
            b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            b'<manifest:file-entry manifest:full-path="/" manifest:media-type="' + media_type.encode() + b'"/>'
            b"</manifest:manifest>"
        ),
        "content.xml": ODF_CONTENT % (body or "بيان".encode()),
        "styles.xml": b'<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    }
    members.update(parts or {})
    return _package(("mimetype", media_type.encode()) if mimetype != "" else None, members)


def epub(*, chapter: bytes | None = None, parts: dict | None = None, container: bool = True) -> bytes:
    members = {
        "OEBPS/content.opf": b'<package xmlns="http://www.idpf.org/2007/opf" version="3.0"/>',
        "OEBPS/chapter1.xhtml": chapter
        or b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>1</title></head><body><p>x</p></body></html>',
    }
    if container:
        members["META-INF/container.xml"] = (
            b'<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles>'
            b'<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            b"</rootfiles></container>"
        )
    members.update(parts or {})
    return _package(("mimetype", b"application/epub+zip"), members)


# --- SVG --------------------------------------------------------------------------


def svg_document(inner: str, *, before: str = "", attributes: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{before}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20"{attributes}>{inner}</svg>'
    ).encode()


def drawing_as_an_editor_saves_it() -> bytes:
    """What Inkscape writes: its own namespaces, a gradient used through url(#id), a style element."""
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="40" height="40" '
        b'viewBox="0 0 40 40" inkscape:version="1.3">'
        b'<sodipodi:namedview id="view" pagecolor="#ffffff"/>'
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#00c"/>'
        b"</linearGradient><style>.mark { stroke: #222; stroke-width: 2 }</style></defs>"
        b'<g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect class="mark" width="30" height="30" '
        b'style="fill:url(#g);opacity:.9"/><use xlink:href="#g" x="1"/>'
        b'<text x="2" y="35" font-family="sans-serif" direction="rtl">\xd8\xa8\xd9\x8a\xd8\xa7\xd9\x86</text></g></svg>'
    )


# --- PDF --------------------------------------------------------------------------


def pdf_with(build, *, object_streams: bool = True) -> bytes:
    """A one-page PDF changed by ``build(pdf)``; its objects compressed into object streams."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    build(pdf)
    buffer = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    pdf.save(buffer, object_stream_mode=mode, compress_streams=True, deterministic_id=True)
    return buffer.getvalue()


def _javascript_action(pdf, code: str = "app.alert(1)"):
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=code))


def pdf_javascript_in_names(pdf) -> None:
    names = pikepdf.Array([pikepdf.String("hello"), _javascript_action(pdf)])
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=names))


def pdf_open_action_javascript(pdf) -> None:
    pdf.Root.OpenAction = _javascript_action(pdf)


def pdf_open_action_page(pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])


def pdf_launch(pdf) -> None:
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))


def pdf_embedded_file(pdf) -> None:
    stream = pikepdf.Stream(pdf, corpus.windows_executable())
    stream.Type = pikepdf.Name.EmbeddedFile
    spec = pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("invoice.exe"), EF={"/F": stream})
    names = pikepdf.Array([pikepdf.String("invoice.exe"), pdf.make_indirect(spec)])
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=names))


def pdf_rich_media(pdf) -> None:
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.RichMedia, Rect=[0, 0, 10, 10])
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(annotation)])


def pdf_xfa(pdf) -> None:
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.Stream(pdf, b"<xdp:xdp/>"))


def pdf_page_action(pdf) -> None:
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=_javascript_action(pdf, "this.print()"))


def pdf_incremental_update() -> bytes:
    """A PDF saved twice: two %%EOF markers, which is normal."""
    first = pdf_with(lambda pdf: None, object_streams=False)
    return first + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n"


# --- Polyglots --------------------------------------------------------------------


def with_zip_appended(content: bytes) -> bytes:
    return content + corpus.zip_of({"payload.txt": b"hidden"})
