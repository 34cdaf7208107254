"""Office Open XML, OpenDocument and EPUB files, inspected as the zip packages they are.

The package must have its format's structure; every member goes through the
rule for what it is (XML part, picture, font, embedded OLE object…); a member
that is not part of the format (a program, a nested archive, an HTML page in
a spreadsheet, a scripted drawing) refuses the whole file. Macros are found by
content, with oletools: any OLE (CFB) part carrying a VBA project, the VBA
content types and relationships, OpenDocument's ``Basic/`` and ``Scripts/``.
What is kept but acts when opened (an external template, a linked object, a
DTD in an XML part) is flagged on the verdict.
"""

import logging
import os
import zipfile

from django.utils.translation import gettext as _
from lxml import etree

from evidence import svg

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _("a Word document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _("an Excel workbook"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _("a PowerPoint presentation"),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": _("an OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": _("an OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.presentation": _("an OpenDocument presentation"),
}
EPUB = "application/epub+zip"
PACKAGE_TYPES = {**OOXML_TYPES, **ODF_TYPES, EPUB: _("an e-book (EPUB)")}

XML_ENDINGS = (".xml", ".rels", ".rdf", ".opf", ".ncx", ".vml", ".xsd")
HTML_ENDINGS = (".xhtml", ".html", ".htm")
PICTURE_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
METAFILE_ENDINGS = (".emf", ".wmf", ".emz", ".wmz", ".svm", ".pict")
FONT_ENDINGS = (".odttf", ".ttf", ".otf", ".fntdata", ".woff", ".woff2")
EPUB_MEDIA_ENDINGS = (".css", ".mp3", ".mp4", ".m4a", ".ogg", ".opus", ".webm", ".smil", ".pls", ".vtt")
MACRO_MARKERS = ("vbaproject", "macroenabled", "vbadata", "keymapcustomizations")

ODF_SCRIPT = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
XLINK = "http://www.w3.org/1999/xlink"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"

logging.getLogger("olevba").setLevel(logging.CRITICAL)


class PackageRefused(Exception):
    pass


def _macros() -> PackageRefused:
    return PackageRefused(_("the document contains macros, which can run programs when it is opened."))


def kind_of_package(media_type: str) -> str:
    return str(PACKAGE_TYPES.get(media_type, media_type))


def check_structure(archive: zipfile.ZipFile, media_type: str) -> None:
    """The parts every package of this format has; raises PackageRefused when one is missing."""
    names = [entry.filename for entry in archive.infolist()]
    kind = kind_of_package(media_type)
    if any(marker in name.lower() for name in names for marker in MACRO_MARKERS):
        raise _macros()
    if media_type in ODF_TYPES and any(name.lower().startswith(("basic/", "scripts/")) for name in names):
        raise _macros()
    if media_type in OOXML_TYPES:
        required = ["[Content_Types].xml", "_rels/.rels"]
    elif media_type in ODF_TYPES:
        required = ["mimetype", "META-INF/manifest.xml"]
    else:
        required = ["mimetype", "META-INF/container.xml"]
    for part in required:
        if part not in names:
            raise PackageRefused(
                _("it claims to be %(kind)s, but its “%(part)s” part is missing.") % {"kind": kind, "part": part}
            )
    if "mimetype" in required:
        declared = archive.read("mimetype").strip().decode("ascii", "replace")
        if names[0] != "mimetype" or declared != media_type:
            raise PackageRefused(
                _("it claims to be %(kind)s, but its “mimetype” part is missing, misplaced or wrong.") % {"kind": kind}
            )


def _has_vba(path: str) -> bool:
    from oletools.olevba import VBA_Parser  # builds its parsers on import: only when an OLE part is met

    parser = None
    try:
        parser = VBA_Parser(path, relaxed=True)
        return bool(parser.detect_vba_macros())
    except Exception:
        return False  # not a container olevba knows; the other checks still apply
    finally:
        if parser is not None:
            parser.close()


def check_ole(path: str, verdict) -> None:
    """An OLE (CFB) file or part: refused with a VBA project, otherwise kept and flagged as an embedded object."""
    if _has_vba(path):
        raise _macros()
    verdict.flag("office_embedded_object")


def _xml_tree(path: str):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.parse(path, parser)
    except etree.XMLSyntaxError:
        return None


def _check_relationships(tree, verdict) -> None:
    for relationship in tree.getroot():
        if not isinstance(relationship.tag, str):
            continue
        kind = (relationship.get("Type") or "").lower()
        if kind.endswith(("/vbaproject", "/wordvbadata", "/keymapcustomizations")):
            raise _macros()
        if (relationship.get("TargetMode") or "").lower() != "external":
            continue
        if kind.endswith("/hyperlink"):
            continue  # a link the reader may follow; nothing is fetched on opening
        if kind.endswith("/attachedtemplate"):
            verdict.flag("office_external_template")
        elif kind.endswith(("/oleobject", "/package")):
            verdict.flag("office_linked_object")
        else:
            verdict.flag("office_external_link")


def _check_odf_xml(tree, verdict) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{{{ODF_SCRIPT}}}event-listener":
            raise _macros()
        target = element.get(f"{{{XLINK}}}href") or ""
        if "://" in target or target.startswith(("//", "\\\\", "file:")):
            local = etree.QName(element).localname
            if element.tag.startswith(f"{{{DRAW}}}") and local.startswith(("object", "image", "plugin", "applet")):
                verdict.flag("office_linked_object" if local.startswith("object") else "office_external_link")


def _check_xml(path: str, name: str, media_type: str, verdict) -> None:
    tree = _xml_tree(path)
    if tree is None:
        raise PackageRefused(_("“%(member)s” inside it is not well-formed XML.") % {"member": name})
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        verdict.flag("xml_dtd")
    lower = name.lower()
    if lower.endswith(".rels"):
        _check_relationships(tree, verdict)
    elif lower == "[content_types].xml":
        text = etree.tostring(tree).lower()
        if any(marker.encode() in text for marker in MACRO_MARKERS):
            raise _macros()
    elif media_type in ODF_TYPES:
        _check_odf_xml(tree, verdict)


def check_member(path: str, name: str, media_type: str, verdict, *, inspect_nested) -> None:
    """One member of the package, by what its content is; raises PackageRefused for the user."""
    from evidence.inspection import IMAGE_TYPES, kind_of, read_head, sniff

    lower = name.lower()
    size = os.path.getsize(path)
    head = read_head(path)
    sniffed = sniff(head) if size else "application/x-empty"
    not_part = PackageRefused(
        _("“%(member)s” inside it is %(content)s, which is not part of %(kind)s.")
        % {"member": name, "content": kind_of(sniffed), "kind": kind_of_package(media_type)}
    )
    if size == 0 or lower == "mimetype":
        return
    if head.startswith(CFB_MAGIC):
        check_ole(path, verdict)
        return
    if lower.endswith(".svg") or sniffed == "image/svg+xml":
        try:
            svg.check(path)
        except svg.SvgRefused as refusal:
            raise PackageRefused(
                _("the drawing “%(member)s” inside it: %(reason)s") % {"member": name, "reason": refusal}
            ) from None
        return
    if lower.endswith(HTML_ENDINGS) or sniffed in ("text/html", "application/xhtml+xml"):
        if media_type != EPUB:
            raise not_part
        _check_xml(path, name, media_type, verdict)
        if b"<script" in open(path, "rb").read().lower():  # noqa: SIM115 - a member spooled to disk, small
            verdict.flag("epub_script")
        return
    if lower.endswith(XML_ENDINGS) or sniffed in ("text/xml", "application/xml"):
        _check_xml(path, name, media_type, verdict)
        return
    if sniffed in IMAGE_TYPES:
        inspect_nested(path, name)
        return
    if "embeddings/" in lower and lower.endswith((".docx", ".xlsx", ".pptx")):
        inspect_nested(path, name)  # a chart's workbook: a package of its own, checked the same way
        return
    if lower.endswith(METAFILE_ENDINGS) and sniffed not in NEVER_IN_A_DOCUMENT:
        return
    if lower.endswith(FONT_ENDINGS) and sniffed not in NEVER_IN_A_DOCUMENT:
        return
    if media_type in OOXML_TYPES and "printersettings/" in lower and sniffed == "application/octet-stream":
        return
    if media_type in ODF_TYPES and lower in ("layout-cache", "configurations2/accelerator/current.xml"):
        return
    if media_type == EPUB and lower.endswith(EPUB_MEDIA_ENDINGS) and sniffed not in NEVER_IN_A_DOCUMENT:
        if lower.endswith(".css"):
            try:
                svg._check_css(open(path, encoding="utf-8", errors="replace").read())  # noqa: SIM115
            except svg.SvgRefused:
                verdict.flag("office_external_link")
        return
    if sniffed in ("text/plain",) and lower.endswith((".txt", ".json")):
        return
    raise not_part


# Contents that never belong in a document package, whatever their name says.
NEVER_IN_A_DOCUMENT = {
    "application/x-dosexec",
    "application/vnd.microsoft.portable-executable",
    "application/x-msdownload",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-pie-executable",
    "application/x-mach-binary",
    "text/x-shellscript",
    "application/zip",
    "application/gzip",
    "application/x-7z-compressed",
    "application/x-rar",
    "text/html",
    "application/javascript",
    "text/javascript",
}
