"""Messages of Django itself that its own Arabic catalogue lacks in the wording Django 5 uses.

Declared here so that ``makemessages`` keeps them in Casebook's catalogue, where they are
translated; Django looks up Casebook's catalogue before its own.
"""

from django.utils.translation import ngettext_lazy

FORMSET_LIMITS = (
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"),
)
