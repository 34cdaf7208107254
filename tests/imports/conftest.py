import pytest

from imports import services
from tests.imports.files import csv_bytes, upload


@pytest.fixture
def uploaded_run(officer):
    """An officer's run of the three-row sample CSV, uploaded and waiting for its mapping."""
    return services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))


SAMPLE_MAPPING = {
    "columns": {
        "0": "external_id",
        "1": "title",
        "2": "country",
        "3": "start_date",
        "4": "platform",
        "5": "violation_type",
        "6": "person_name",
        "7": "content_concerned",
    },
    "defaults": {"sensitivity": "sensitive", "verification_level": "unverified"},
    "source": "takedown log",
}


def sample_mapping(**changes) -> dict:
    mapping = {key: (dict(value) if isinstance(value, dict) else value) for key, value in SAMPLE_MAPPING.items()}
    mapping.update(changes)
    return mapping
