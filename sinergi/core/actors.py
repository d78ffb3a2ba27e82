"""The system actor: the account commands and background tasks act as.

It lives in core so that every slice, regions included, can name who made a change without
reaching up to accounts; the user model itself is accounts', found through `get_user_model()`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

SYSTEM_EMAIL = "system@sinergi.invalid"


def system_user():
    """The account commands and tasks act as; it reaches everything and cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        email=SYSTEM_EMAIL, defaults={"full_name": "Sistem Sinergi", "is_system": True, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
