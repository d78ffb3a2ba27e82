"""`{% event_history organization %}`: a participant's events on its registry page."""

from django import template

from sinergi.events.selectors import event_history as history_rows

register = template.Library()


@register.inclusion_tag("events/_history.html", takes_context=True)
def event_history(context, organization):
    """The page that includes this has already been allowed to show `organization`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"rows": history_rows(user=user, organization=organization), "request": request}
