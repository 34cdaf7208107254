from casebook.roles import Role, has_role


def roles(request):
    user = request.user
    return {
        "is_officer": has_role(user, Role.OFFICER, Role.ADMINISTRATOR),
        "is_partner": has_role(user, Role.PARTNER),
    }
