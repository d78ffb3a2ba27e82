from sinergi.core.notifications import unread_count


def notification_count(request) -> dict:
    """The bell's number: the signed-in person's unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notification_unread": 0}
    return {"notification_unread": unread_count(user=user)}
