"""Clinic pieces other slices' pages show: the enrol action on the early-warning list and the clinic
part of a participant's or an expert's home page."""

from django import template

from sinergi.accounts.middleware import active_membership
from sinergi.clinic import access, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def clinic_may_enrol(context) -> bool:
    """Whether the viewer enrols in the clinic (office admins and staff; the service checks the
    region of each cooperative again)."""
    request = context.get("request")
    return request is not None and access.may_run_clinic(request.user)


@register.inclusion_tag("clinic/_home.html", takes_context=True)
def clinic_home(context):
    """The expert's assigned cases; the participant's own case, or the way to ask for one."""
    request = context.get("request")
    user = request.user
    membership = active_membership(request)
    organization = membership.organization if membership is not None else None
    own = (
        list(selectors.participant_cases(user=user, organization_id=organization.pk)[:3])
        if organization
        else []
    )
    return {
        "expert_cases": list(selectors.expert_cases(user=user)[:10]),
        "partner_recommendations": list(selectors.recommendations_for_partner(user=user)[:10]),
        "own_cases": own,
        "may_request": organization is not None and not own and access.may_request(user, organization),
    }


@register.filter
def clinic_signal(signal: dict) -> str:
    """An early-warning signal kept with a case, named in the reader's language (by its code)."""
    from sinergi.health.supervision.rules import SIGNALS

    found = SIGNALS.get(signal.get("code", ""))
    return str(found.label) if found is not None else signal.get("label", "")
