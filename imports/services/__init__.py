"""Imports: keep the file, preview what it would do, then write it batch by batch.

Every write goes through the cases services (validation, history, audit),
with ``import:<run id>`` as the history's reason. Each batch of cases is one
transaction that also advances the run's progress, so a worker stopped
midway writes nothing twice when the import runs again.
"""

from imports.services.files import (
    import_reread,
    import_upload,
    local_path,
    may_import,
    run_get_for_user,
    run_sample,
    run_sheets,
    runs_for_user,
)
from imports.services.mapping import check_mapping, mapping_from_saved, mapping_save, suggest_mapping
from imports.services.preview import Preview, import_preview, iter_groups
from imports.services.report import refused_csv
from imports.services.retention import imports_purge, refused_rows_available
from imports.services.running import AnotherWorker, import_execute, import_start

__all__ = [
    "AnotherWorker",
    "Preview",
    "check_mapping",
    "import_execute",
    "import_preview",
    "import_reread",
    "import_start",
    "import_upload",
    "imports_purge",
    "iter_groups",
    "local_path",
    "mapping_from_saved",
    "mapping_save",
    "may_import",
    "refused_csv",
    "refused_rows_available",
    "run_get_for_user",
    "run_sample",
    "run_sheets",
    "runs_for_user",
    "suggest_mapping",
]
