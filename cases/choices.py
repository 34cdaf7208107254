"""The first level of the violation taxonomy and the platforms (PRODUCT.md section 3)."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class ViolationType(TextChoices):
    CONTENT_REMOVAL = "content_removal", _("Content removal")
    ACCOUNT_SUSPENSION = "account_suspension", _("Account suspension or deletion")
    VISIBILITY_RESTRICTION = "visibility_restriction", _("Visibility restriction (shadow ban)")
    FEATURE_RESTRICTION = "feature_restriction", _("Feature or monetisation restriction")
    SUMMONS = "summons", _("Summons or interrogation")
    ARREST = "arrest", _("Arrest or detention")
    PROSECUTION = "prosecution", _("Prosecution or charges")
    CONVICTION = "conviction", _("Conviction")
    TRAVEL_BAN = "travel_ban", _("Travel ban")
    DEVICE_SEIZURE = "device_seizure", _("Device seizure or search")
    BLOCKING = "blocking", _("Website or app blocking")
    SHUTDOWN = "shutdown", _("Internet shutdown or throttling")
    SPYWARE = "spyware", _("Spyware or targeted malware")
    ACCOUNT_HACKING = "account_hacking", _("Account hacking or takeover")
    PHISHING = "phishing", _("Phishing")
    DOXXING = "doxxing", _("Doxxing")
    IMPERSONATION = "impersonation", _("Impersonation")
    INCITEMENT = "incitement", _("Incitement or hate speech")
    HARASSMENT = "harassment", _("Harassment or threats")
    SMEAR_CAMPAIGN = "smear_campaign", _("Smear or disinformation campaign")
    MASS_REPORTING = "mass_reporting", _("Coordinated mass reporting")
    RESTRICTIVE_LAW = "restrictive_law", _("Restrictive law or regulation")


class Platform(TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    MESSENGER = "messenger", _("Messenger")
    THREADS = "threads", _("Threads")
    X = "x", _("X")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    TELEGRAM = "telegram", _("Telegram")
    SNAPCHAT = "snapchat", _("Snapchat")
    LINKEDIN = "linkedin", _("LinkedIn")
    SIGNAL = "signal", _("Signal")
    WEBSITE = "website", _("Website or blog")
    NETWORK = "network", _("ISP or telecom network")
    OTHER = "other", _("Other")


class Status(TextChoices):
    INTAKE = "intake", _("Intake")
    UNDER_VERIFICATION = "under_verification", _("Under verification")
    VERIFIED = "verified", _("Verified")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class Sensitivity(TextChoices):
    NORMAL = "normal", _("Normal")
    SENSITIVE = "sensitive", _("Sensitive")
    RESTRICTED = "restricted", _("Restricted")


class Language(TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
