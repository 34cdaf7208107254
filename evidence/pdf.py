"""Active content in a PDF, found in its object graph (qpdf through pikepdf), not by scanning bytes.

Compressed object streams, indirect references and names written with
``#xx`` escapes all come out as plain objects, so nothing hides by encoding.
"""

import pikepdf

# Action types (/S) and what each is flagged as.
ACTIONS = {
    "/JavaScript": "pdf_javascript",
    "/Launch": "pdf_launch",
    "/RichMediaExecute": "pdf_rich_media",
    "/ImportData": "pdf_automatic_action",
    "/SubmitForm": "pdf_automatic_action",
}
# Actions that only move within the document: an /OpenAction that does this is harmless.
NAVIGATION = {"/GoTo", "/Named"}


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _open_action_flags(root) -> set[str]:
    action = root.get("/OpenAction")
    if action is None or isinstance(action, pikepdf.Array):
        return set()  # a destination: which page to show first
    if isinstance(action, pikepdf.Dictionary) and _name(action.get("/S")) in NAVIGATION:
        return set()
    return {"pdf_open_action"}


def active_content(path: str) -> list[str]:
    """Codes of evidence.flags for what the PDF carries that acts when opened."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return ["pdf_encrypted"]
    except (pikepdf.PdfError, OSError, ValueError, RecursionError):
        return ["pdf_unreadable"]
    found: set[str] = set()
    with pdf:
        root = pdf.Root
        found |= _open_action_flags(root)
        if "/AA" in root:
            found.add("pdf_automatic_action")
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            if "/JavaScript" in names:
                found.add("pdf_javascript")
            if "/EmbeddedFiles" in names:
                found.add("pdf_embedded_file")
        form = root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
            found.add("pdf_xfa")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                obj = obj.stream_dict
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            kind, subtype = _name(obj.get("/Type")), _name(obj.get("/Subtype"))
            if code := ACTIONS.get(_name(obj.get("/S"))):
                found.add(code)
            if "/JS" in obj:
                found.add("pdf_javascript")
            if kind == "/EmbeddedFile" or (kind == "/Filespec" and "/EF" in obj) or subtype == "/FileAttachment":
                found.add("pdf_embedded_file")
            if subtype in ("/RichMedia", "/3D", "/Screen", "/Movie", "/Sound"):
                found.add("pdf_rich_media")
            if "/AA" in obj:
                found.add("pdf_automatic_action")
            if "/XFA" in obj:
                found.add("pdf_xfa")
    return sorted(found)
