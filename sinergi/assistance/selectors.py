"""Scoped reads of warung aid: every list and detail goes through the user's reach (`access`)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.assistance import access
from sinergi.assistance.models import Application, Grievance, Handover, Programme, Visit


def programme_list(*, user):
    return (
        Programme.objects.filter(access.programme_q(user))
        .select_related("organization")
        .distinct()
        .order_by("-opens_on", "name")
    )


def access_programme(*, user, pk: int) -> Programme:
    programme = programme_list(user=user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def open_programmes_for(*, business: Organization):
    """Programmes accepting applications whose target regions hold the business."""
    from sinergi.assistance.eligibility import region_problem
    from sinergi.assistance.models import Cycle

    found = Programme.objects.filter(cycle=Cycle.OPEN).select_related("organization").order_by("closes_on")
    return [p for p in found if region_problem(business.region_id, p.target_regions) is None]


def application_list(*, user, programme: Programme | None = None, status: str = ""):
    found = Application.objects.filter(access.application_q(user)).select_related(
        "business", "package", "programme"
    )
    if programme is not None:
        found = found.filter(programme=programme)
    if status:
        found = found.filter(status=status)
    return found.distinct().order_by("programme", "rank", "applied_at", "pk")


def access_application(*, user, pk: int) -> Application:
    application = application_list(user=user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def duplicates_of(application: Application) -> list[dict]:
    """Other applications (any programme) with the same owner NIK, the same business or the same
    normalised address: shown to the committee, never decided automatically."""
    same = Q(business_id=application.business_id)
    if application.owner_nik:
        same |= Q(owner_nik=application.owner_nik)
    if application.address_key:
        same |= Q(address_key=application.address_key)
    found = []
    others = (
        Application.objects.filter(same).exclude(pk=application.pk).select_related("business", "programme")
    )
    for other in others.order_by("applied_at", "pk"):
        matches = []
        if other.business_id == application.business_id:
            matches.append("business")
        if application.owner_nik and other.owner_nik == application.owner_nik:
            matches.append("nik")
        if application.address_key and other.address_key == application.address_key:
            matches.append("address")
        found.append({"application": other, "matches": matches})
    return found


def handover_of(application: Application) -> Handover | None:
    return Handover.objects.filter(application=application).prefetch_related("visits").first()


def visits_of(application: Application):
    return Visit.objects.filter(handover__application=application).order_by("month")


def grievance_list(*, user, programme: Programme):
    found = Grievance.objects.filter(programme=programme).select_related("application__business")
    if not access.may_view(user, programme):
        found = found.filter(application__business_id__in=access.owned_business_ids(user))
    return found.order_by("status", "due_on", "pk")


def warung_for(*, user, pk: int) -> Organization:
    """A business the user may see the assets of: its owner, or an officer of its region."""
    org = Organization.objects.filter(pk=pk).first()
    if org is None:
        raise Http404
    reach = reach_of(user)
    runs = Application.objects.filter(business=org, programme__in=programme_list(user=user)).exists()
    if not (reach.can_view_organization(org) or access.owns(user, org.pk) or runs):
        raise Http404
    return org


def assets_of(*, user, business: Organization):
    """The goods each programme handed over to the warung, with their latest visit, that the user
    may see (programmes out of reach are left out, except for the owner)."""
    handovers = Handover.objects.filter(application__business=business).select_related(
        "package", "application__programme"
    )
    if not access.owns(user, business.pk):
        handovers = handovers.filter(application__programme__in=programme_list(user=user))
    return handovers.prefetch_related("visits").order_by("-handed_on", "pk")


def open_or_reachable(*, user, pk: int) -> Programme:
    """A programme to apply to: one the user reaches, or an open one (an owner applying)."""
    from sinergi.assistance.models import Cycle

    programme = programme_list(user=user).filter(pk=pk).first()
    if programme is None:
        programme = Programme.objects.filter(pk=pk, cycle=Cycle.OPEN).first()
    if programme is None:
        raise Http404
    return programme


def office_for(programme: Programme) -> Organization:
    """The office whose letterhead heads the programme's report: the running office itself, or the
    office whose jurisdiction most closely holds the cooperative."""
    from sinergi.accounts.models import OrganizationKind

    if programme.organization.kind == OrganizationKind.GOVERNMENT:
        return programme.organization
    from sinergi.accounts.selectors import offices_over

    nearest = offices_over(region_code=programme.region_code).filter(is_active=True).first()
    return nearest or programme.organization


def region_names(codes) -> list[str]:
    """The names of the target regions with their codes ("Tanah Sareal (32.71.06)")."""
    from sinergi.regions.models import Region

    names = dict(Region.objects.filter(pk__in=list(codes)).values_list("pk", "name"))
    return [f"{names[code]} ({code})" if code in names else code for code in codes]
