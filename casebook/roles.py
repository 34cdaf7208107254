"""The four roles of Casebook, as Django groups.

Each app grants its own model permissions to the roles in a data migration
(``grant_permissions``), so that ``casebook`` does not depend on the apps.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    OFFICER = "Documentation officer", _("Documentation officer")
    PARTNER = "Legal partner", _("Legal partner")
    ADVOCACY = "Advocacy officer", _("Advocacy officer")
    ADMINISTRATOR = "Administrator", _("Administrator")


def user_roles(user) -> set[str]:
    """The names of the roles a user holds, cached on the user object."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_casebook_roles"):
        user._casebook_roles = set(user.groups.values_list("name", flat=True))
    return user._casebook_roles


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & {str(role) for role in roles})


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each role the listed codenames of ``app_label``; for data migrations.

    Permissions are normally created after migrations; create them now so that
    the grant can run inside the migration that introduces the models.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*permissions)
