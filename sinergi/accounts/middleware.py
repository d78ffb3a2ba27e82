from django.utils.functional import SimpleLazyObject

SESSION_KEY = "sinergi_membership"


def _memberships(request) -> list:
    from sinergi.accounts.selectors import user_memberships

    if not request.user.is_authenticated:
        return []
    return list(user_memberships(user=request.user))


def _active_membership(request):
    memberships = request.memberships
    if not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    for m in memberships:
        if m.pk == wanted:
            return m
    return memberships[0]


class ActiveMembershipMiddleware:
    """`request.membership`: the organisation and role the user is acting as right now.

    People with several memberships switch between them; what they may *see* is still the union
    of their memberships (accounts.scoping), the active one decides their home page and the
    organisation new work is done for. Both are computed only when a page asks for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = SimpleLazyObject(lambda: _memberships(request))
        request.membership = SimpleLazyObject(lambda: _active_membership(request))
        return self.get_response(request)


def active_membership(request):
    """The real membership object or None (unwrapping the lazy proxy)."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    return membership if membership else None
