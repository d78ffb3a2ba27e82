from sinergi.accounts.middleware import active_membership
from sinergi.navigation import navigation_for


def navigation(request):
    """The menu: only capabilities that exist and that the user's role reaches."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"nav_items": [], "active_membership": None, "my_memberships": []}
    return {
        "nav_items": navigation_for(request),
        "active_membership": active_membership(request),
        "my_memberships": getattr(request, "memberships", []),
    }
