from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases.selectors import case_get_for_user
from evidence.storage import StoredFileMismatch
from evidence.uploads import UploadRefused
from imports import fields as catalogue
from imports import services
from imports.forms import OptionsForm, SheetForm, UploadForm, field_choices, mapping_from_post
from imports.models import ImportMapping, ImportRun
from imports.reading import Unreadable

# Seconds between two loads of a running import's page (the Refresh header needs no script).
STATUS_REFRESH_SECONDS = 2


def _require_importer(request: HttpRequest) -> None:
    if not services.may_import(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def import_index(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_upload(actor=request.user, uploaded=form.cleaned_data["file"])
        except (UploadRefused, Unreadable) as refusal:
            form.add_error("file", str(refusal))
        except StoredFileMismatch:
            form.add_error("file", _("The file could not be stored intact; nothing was kept. Please try again."))
        else:
            return redirect("imports:map", pk=run.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "runs": services.runs_for_user(request.user)}
    return render(request, "imports/index.html", context, status=status)


def _columns(header, sample, mapping):
    return [
        {
            "index": index,
            "title": title,
            "examples": [row[index] for row in sample[:3] if index < len(row) and row[index]],
            "field": mapping.get("columns", {}).get(str(index), ""),
        }
        for index, title in enumerate(header)
    ]


def _taxonomy_entries(preview) -> list[dict]:
    """The values no taxonomy entry matched, each with the entries to choose from."""
    rows = []
    for key, values in (preview.unknown if preview else {}).items():
        spec = catalogue.BY_KEY[key]
        entries = list(spec.model.objects.active())
        for number, value in enumerate(values):
            rows.append({"key": key, "label": spec.label, "number": number, "value": value, "entries": entries})
    return rows


@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, pk) -> HttpResponse:
    run = services.run_get_for_user(request.user, pk)
    if run.status != ImportRun.Status.UPLOADED:
        return redirect(run)
    action = request.POST.get("action", "")
    if action == "reread":
        try:
            services.import_reread(
                actor=request.user,
                run=run,
                sheet=request.POST.get("sheet", ""),
                encoding=request.POST.get("encoding", ""),
            )
        except Unreadable as refusal:
            messages.error(request, str(refusal))
        return redirect("imports:map", pk=run.pk)
    try:
        header, sample = services.run_sample(run)
    except Unreadable as refusal:
        messages.error(request, str(refusal))
        return redirect("imports:index")
    may_create = request.user.has_perm("cases.add_platform") and request.user.has_perm("cases.add_violationtype")
    saved = None
    if request.method == "GET" and request.GET.get("saved", "").isdigit():
        saved = ImportMapping.objects.filter(pk=request.GET["saved"]).first()
    if request.method == "POST":
        mapping = mapping_from_post(request.POST, header, may_create=may_create)
    elif saved is not None:
        mapping = services.mapping_from_saved(saved, header)
    else:
        mapping = {"columns": services.suggest_mapping(header, sample), "defaults": {}}
    options = OptionsForm(
        request.POST or None,
        header=header,
        initial={
            "group_by": mapping.get("group_by", ""),
            "source": mapping.get("source", "") or (saved.name if saved else ""),
            "saved": saved,
            **{f"default_{name}": value for name, value in mapping.get("defaults", {}).items()},
        },
    )
    preview = None
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        options.is_valid()
        try:
            services.check_mapping(mapping)
        except ValidationError as error:
            errors = error.messages
        if action == "import" and not errors:
            keep_on_case = None
            reference = options.cleaned_data.get("keep_as_evidence", "").strip()
            try:
                if reference:
                    keep_on_case = case_get_for_user(request.user, reference)
                    if not request.user.has_perm("evidence.add_evidenceitem"):
                        raise PermissionDenied
                if name := options.cleaned_data.get("save_as", "").strip():
                    services.mapping_save(actor=request.user, name=name, mapping=mapping, header=header)
                run = services.import_start(actor=request.user, run=run, mapping=mapping, keep_on_case=keep_on_case)
            except Http404:
                errors.append(_("No case with the reference %(reference)s.") % {"reference": reference})
            except ValidationError as error:
                errors += error.messages
            else:
                return redirect(run)
        if not errors or action == "preview":
            try:
                preview = services.import_preview(actor=request.user, run=run, mapping=mapping)
            except Unreadable as refusal:
                errors.append(str(refusal))
        if errors:
            status = 400
    context = {
        "run": run,
        "header": header,
        "columns": _columns(header, sample, mapping),
        "field_choices": field_choices(),
        "sheet_form": SheetForm(
            initial={"sheet": run.sheet, "encoding": run.encoding}, sheets=services.run_sheets(run)
        ),
        "options": options,
        "preview": preview,
        "unknown": _taxonomy_entries(preview),
        "values": mapping.get("values", {}),
        "may_create": may_create,
        "errors": errors,
        "defaulted": [catalogue.BY_KEY[name].label for name in catalogue.DEFAULTED],
    }
    return render(request, "imports/map.html", context, status=status)


@require_GET
def import_detail(request: HttpRequest, pk) -> HttpResponse:
    run = services.run_get_for_user(request.user, pk)
    response = render(
        request, "imports/detail.html", {"run": run, "refused_available": services.refused_rows_available(run)}
    )
    if run.pending:
        response["Refresh"] = str(STATUS_REFRESH_SECONDS)
    return response


@require_GET
def import_refused(request: HttpRequest, pk) -> HttpResponse:
    """The refused rows as CSV, with the reason in a new column, to correct and import again."""
    run = services.run_get_for_user(request.user, pk)
    if not services.refused_rows_available(run):
        raise Http404
    response = StreamingHttpResponse(services.refused_csv(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"refused-{run.file_name.rsplit('.', 1)[0]}.csv"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
