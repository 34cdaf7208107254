"""UN Special Procedures mandates, by code, in the reader's language."""

from django.utils.translation import gettext_lazy as _

# The Special Procedures mandates a digital-rights communication is most often addressed to,
# named in the document's own language (a name typed as "Recipient" is printed as typed).
UN_MANDATES = {
    "expression": _(
        "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression"
    ),
    "defenders": _("Special Rapporteur on the situation of human rights defenders"),
    "privacy": _("Special Rapporteur on the right to privacy"),
    "assembly": _("Special Rapporteur on the rights to freedom of peaceful assembly and of association"),
    "detention": _("Working Group on Arbitrary Detention"),
    "terrorism": _(
        "Special Rapporteur on the promotion and protection of human rights and fundamental freedoms "
        "while countering terrorism"
    ),
}
