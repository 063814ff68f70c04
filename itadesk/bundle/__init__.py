"""The USB bundle: one zip with the office's data, documents and evidence (format v1).

No Qt here: the dialogs in ``itadesk.ui.bundle_dialogs`` and the CLI only call these.

* ``export_bundle(db, target, years)`` writes and verifies a bundle;
* ``verify_bundle(path)`` checks an untrusted bundle and returns a ``Bundle``;
* ``plan_import(db, bundle)`` previews; ``import_bundle(db, bundle)`` merges.
"""

from itadesk.bundle.export import ExportResult, export_bundle, latest_year, target_file
from itadesk.bundle.format import FORMAT_VERSION, BundleCancelled, Progress, bundle_file_name
from itadesk.bundle.merge import ImportPlan, ImportResult, import_bundle, plan_import
from itadesk.bundle.verify import Bundle, InvalidBundle, verify_bundle

__all__ = [
    "FORMAT_VERSION",
    "Bundle",
    "BundleCancelled",
    "ExportResult",
    "ImportPlan",
    "ImportResult",
    "InvalidBundle",
    "Progress",
    "bundle_file_name",
    "export_bundle",
    "import_bundle",
    "latest_year",
    "plan_import",
    "target_file",
    "verify_bundle",
]
