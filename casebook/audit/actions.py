from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Action(TextChoices):
    """What an audit entry records. Values are stable: they are part of the chain."""

    LOGIN = "auth.login", _("Logged in (both factors)")
    PASSWORD_ACCEPTED = "auth.password_accepted", _("Password accepted")
    LOGIN_FAILED = "auth.login_failed", _("Login failed")
    SECOND_FACTOR_FAILED = "auth.second_factor_failed", _("Second factor refused")
    LOCKED_OUT = "auth.locked_out", _("Locked out")
    LOGOUT = "auth.logout", _("Logged out")
    LOGOUT_EVERYWHERE = "auth.logout_everywhere", _("Logged out everywhere")
    SESSION_EXPIRED = "auth.session_expired", _("Session expired")
    DEVICE_ENROLLED = "auth.device_enrolled", _("Authenticator enrolled")
    BACKUP_CODES_CREATED = "auth.backup_codes_created", _("Backup codes created")
    ROLE_GRANTED = "user.role_granted", _("Role granted")
    ROLE_REMOVED = "user.role_removed", _("Role removed")
    CASE_CREATED = "case.created", _("Case created")
    CASE_VIEWED = "case.viewed", _("Case viewed")
    CASE_SHARED = "case.shared", _("Case shared")
    CASE_REVOKED = "case.revoked", _("Case sharing withdrawn")
    CASE_ARCHIVED = "case.archived", _("Case archived")
    CASE_RESTORED = "case.restored", _("Case restored")
    CASES_EXPORTED = "case.list_exported", _("Case list exported")
    EVIDENCE_UPLOADED = "evidence.uploaded", _("Evidence added")
    EVIDENCE_VIEWED = "evidence.viewed", _("Evidence viewed")
    EVIDENCE_DOWNLOADED = "evidence.downloaded", _("Evidence downloaded")
    EVIDENCE_EXPORTED = "evidence.exported", _("Evidence exported as a bag")
    REPORT_EXPORTED = "report.exported", _("Report exported")
    REPORT_DOWNLOADED = "report.downloaded", _("Report downloaded again")
    REPORT_TRACED = "report.traced", _("Leaked copy traced to its export")
    AUDIT_VIEWED = "audit.viewed", _("Audit log viewed")
    IMPORT_UPLOADED = "import.uploaded", _("Spreadsheet uploaded for import")
    CASES_IMPORTED = "import.done", _("Spreadsheet imported")
