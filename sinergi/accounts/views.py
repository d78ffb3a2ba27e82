"""Pages for signing in, profiles, organisations, invitations, claims and the audit trail."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts import selectors, services
from sinergi.accounts.filters import OrganizationFilters
from sinergi.accounts.forms import (
    AcceptInvitationForm,
    ClaimForm,
    CorrectionForm,
    DecisionForm,
    InvitationForm,
    LoginForm,
    OrganizationEditForm,
    OrganizationForm,
    ProfileForm,
    RegisterForm,
    TokenForm,
)
from sinergi.accounts.middleware import SESSION_KEY
from sinergi.accounts.models import AccountEmailRequest, Invitation, Membership, OrganizationKind
from sinergi.accounts.privacy import membership_email, organization_contact
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_personal_read
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.core.http import no_store
from sinergi.core.paging import page_of
from sinergi.regions.widgets import RegionPickerWidget


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the address the proxy
    chain forwarded in SINERGI_CLIENT_IP_HEADER (accounts.services.client_address)."""
    header = "HTTP_" + settings.SINERGI_CLIENT_IP_HEADER.upper().replace("-", "_")
    return services.client_address(
        remote_addr=request.META.get("REMOTE_ADDR"),
        forwarded=request.META.get(header),
        trusted=settings.SINERGI_TRUSTED_PROXIES,
    )


def _safe_next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    from django.urls import reverse

    return reverse(default)


# --- signing in ---------------------------------------------------------------------------------

# A used unlock link lets this browser past the wait for one account, for a while and a few tries.
UNLOCK_SESSION_KEY = "sinergi_login_unlock"


def _unlock_grant(request) -> dict:
    grant = request.session.get(UNLOCK_SESSION_KEY) or {}
    if not isinstance(grant, dict) or grant.get("until", 0) < timezone.now().timestamp():
        return {}
    return grant


def _unlock_grant_spend(request, grant: dict) -> None:
    tries = int(grant.get("tries", 0)) + 1
    if tries >= settings.LOGIN_FAILURE_LIMIT:
        request.session.pop(UNLOCK_SESSION_KEY, None)
    else:
        request.session[UNLOCK_SESSION_KEY] = {**grant, "tries": tries}


@require_http_methods(["GET", "POST"])
@never_cache
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    grant = _unlock_grant(request)
    form = LoginForm(request, data=request.POST or None, initial={"username": grant.get("email", "")})
    status, throttle, email = 200, None, ""
    if request.method == "POST":
        email, ip = request.POST.get("username", "").strip(), client_ip(request)
        unlocked = bool(grant) and grant.get("email") == email.lower()
        throttle = None if unlocked else services.login_throttle(email=email, ip=ip)
        if throttle is not None:
            # Refused before the password is checked: a throttled client learns nothing.
            form = LoginForm(request, initial={"username": email})
            status = 429
        elif form.is_valid():
            login(request, form.get_user())
            services.login_succeeded(email=email, ip=ip)
            request.session.pop(UNLOCK_SESSION_KEY, None)
            return redirect(_safe_next(request))
        else:
            services.login_failure_record(email=email, ip=ip)
            if unlocked:
                _unlock_grant_spend(request, grant)
            status = 400
    context = {
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "throttle": throttle,
    }
    if throttle is not None:
        context["unlock_email"] = email
    response = render(request, "accounts/login.html", context, status=status)
    if throttle is not None:
        response["Retry-After"] = str(throttle.wait_seconds)
    return response


@require_POST
@never_cache
def login_unlock_request(request):
    """Send an unlock link to the address a throttled sign-in was for. The page says the same
    whether the address has an account or not."""
    email = request.POST.get("email", "").strip()
    if not email:
        return redirect("login")
    verdict = services.login_unlock_request(email=email, ip=client_ip(request))
    if verdict == services.EmailVerdict.CLIENT_LIMIT:
        return render(request, "accounts/login_unlock.html", {"state": "limited"}, status=429)
    return render(request, "accounts/login_unlock.html", {"state": "sent"})


@require_http_methods(["GET", "POST"])
@never_cache
def login_unlock(request, token: str):
    """The e-mailed unlock link. Opening it changes nothing (mail scanners open links too); the
    button on the page uses it, once."""
    if request.method == "POST":
        user = services.login_unlock_redeem(token=token)
        if user is not None:
            until = timezone.now().timestamp() + settings.LOGIN_UNLOCK_VALID_MINUTES * 60
            request.session[UNLOCK_SESSION_KEY] = {"email": user.email.lower(), "until": until, "tries": 0}
            messages.success(request, _("Peramban ini boleh mencoba masuk lagi. Silakan masuk."))
            return redirect("login")
    elif services.login_unlock_check(token=token) is not None:
        return render(request, "accounts/login_unlock.html", {"state": "confirm"})
    return render(request, "accounts/login_unlock.html", {"state": "invalid"}, status=400)


class PasswordResetView(auth_views.PasswordResetView):
    """Reset e-mails are limited per address and per client; an address over its share gets no
    e-mail and the same answer as one that did, so nobody learns which addresses exist."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        verdict = services.account_email_request(
            kind=AccountEmailRequest.Kind.PASSWORD_RESET,
            email=form.cleaned_data["email"],
            ip=client_ip(self.request),
        )
        if verdict == services.EmailVerdict.CLIENT_LIMIT:
            form.add_error(None, _("Terlalu banyak permintaan dari perangkat ini. Coba lagi nanti."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if verdict == services.EmailVerdict.QUIET:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        services.user_password_reset(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        services.user_password_change(actor=form.user, password=form.cleaned_data["new_password1"])
        # Other sessions end with the old password; this one stays signed in.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Kata sandi diganti. Semua token API Anda dicabut."))
        return HttpResponseRedirect(self.get_success_url())


password_reset = PasswordResetView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
password_change = PasswordChangeView.as_view()


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register(**form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Akun dibuat. Sekarang klaim usaha Anda."))
            return redirect("accounts:claim_start")
    return render(request, "accounts/register.html", {"form": form})


def privacy(request):
    return render(request, "accounts/privacy.html", {"version": services.PRIVACY_NOTICE_VERSION})


@login_required
@require_POST
def switch_membership(request):
    try:
        wanted = int(request.POST.get("membership", ""))
    except ValueError:
        wanted = 0
    if any(m.pk == wanted for m in request.memberships):
        request.session[SESSION_KEY] = wanted
    return redirect(_safe_next(request))


# --- profile and privacy ----------------------------------------------------------------------


@login_required
@no_store  # the person's own phone and e-mail
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial={"full_name": user.full_name, "phone": user.phone})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Profil disimpan."))
            return redirect("accounts:profile")
    context = {
        "form": form,
        "token_form": TokenForm(),
        "correction_form": CorrectionForm(),
        "tokens": user.api_tokens.all(),
        "new_token": request.session.pop("new_token", None),
        "memberships": request.memberships,
        "claims": selectors.my_claims(user=user),
        "corrections": user.correction_requests.all()[:10],
        "consents": user.consents.all()[:5],
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            _token, raw = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"], expires_at=form.cleaned_data["expires_at"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            # Shown once on the next page; only the digest is stored.
            request.session["new_token"] = raw
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token dicabut."))
    return redirect("accounts:profile")


@login_required
@no_store
def my_data(request):
    """'Unduh data saya': everything about the person as a JSON file, its download audited."""
    data = selectors.personal_data_export(user=request.user)
    account = data["akun"]
    audit_personal_read(
        actor=request.user,
        object_type="accounts.user",
        shown=[[field for field, key in (("email", "email"), ("phone", "nomor_whatsapp")) if account[key]]],
        via="web",
        object_id=str(request.user.pk),
        object_repr=request.user.full_name,
    )
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="data-saya-sinergi.json"'
    return response


@login_required
@require_POST
def correction_create(request):
    form = CorrectionForm(request.POST)
    if form.is_valid():
        services.correction_request_create(actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Permintaan koreksi terkirim. Petugas akan menindaklanjuti."))
    else:
        messages.error(request, _("Tuliskan data yang perlu dikoreksi."))
    return redirect("accounts:profile")


@login_required
def correction_list(request):
    items = selectors.correction_list(user=request.user)
    if not reach_of(request.user).is_office_admin:
        raise PermissionDenied
    return render(request, "accounts/correction_list.html", {"items": items})


@login_required
@require_POST
def correction_resolve(request, pk: int):
    correction = get_object_or_404(selectors.correction_list(user=request.user), pk=pk)
    services.correction_request_resolve(
        actor=request.user,
        correction=correction,
        status=request.POST.get("status", ""),
        response=request.POST.get("response", ""),
    )
    messages.success(request, _("Permintaan koreksi ditandai selesai."))
    return redirect("accounts:correction_list")


# --- invitations ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request, key: str):
    invitation = services.invitation_by_key(key)
    if invitation is None:
        raise Http404
    form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST":
        user = request.user if request.user.is_authenticated else None
        if user is not None or form.is_valid():
            data = form.cleaned_data if user is None else {}
            try:
                membership = services.invitation_accept(raw_key=key, user=user, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                if user is None:
                    login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
                request.session[SESSION_KEY] = membership.pk
                messages.success(request, _("Selamat datang di Sinergi."))
                return redirect("home")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form})


# --- business claims --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def claim_start(request):
    q = request.GET.get("q", "").strip()
    region = request.GET.get("region", "").strip()
    results = selectors.business_search_for_claim(q=q, region=region) if len(q) >= 3 else []
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = None
        if data.get("organization"):
            org = selectors.business_search_for_claim(q="", pk=data["organization"]).first()
            if org is None:
                raise Http404
        try:
            services.business_claim_submit(
                actor=request.user,
                organization=org,
                new_name=data.get("name", ""),
                new_region_code=data.get("region") or "",
                new_address=data.get("address", ""),
                evidence=data.get("evidence", ""),
                ip=client_ip(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Klaim terkirim. Petugas dinas akan mengonfirmasi."))
            return redirect("home")
    return render(
        request,
        "accounts/claim_start.html",
        {"form": form, "q": q, "results": results, "claims": selectors.my_claims(user=request.user)},
    )


@login_required
def claim_list(request):
    """The claims waiting for the office. Deciding one may register a new business, which the
    registry does: the decisions post to `registry:claim_decide`."""
    reach = reach_of(request.user)
    if not reach.is_officer:
        raise PermissionDenied
    claims = list(selectors.claim_list(user=request.user))
    # The question `business_claim_decide` asks: an office viewer sees the claims, not the buttons.
    may_decide = {
        c.pk
        for c in claims
        if reach.manages_region(c.organization.region_id if c.organization_id else c.new_region_id)
    }
    context = {"claims": claims, "form": DecisionForm(), "may_decide": may_decide}
    return render(request, "accounts/claim_list.html", context)


# --- organisations ----------------------------------------------------------------------------


@login_required
@no_store
def organization_list(request):
    reach = reach_of(request.user)
    if not reach.is_officer:
        raise PermissionDenied
    filters = OrganizationFilters.from_params(request.GET)
    qs, capped = selectors.organization_search(user=request.user, filters=filters)
    # No COUNT(*): a province office reaches a million organisations.
    page = page_of(qs, request.GET.get("page"))
    codes = reach.office_codes()
    context = {
        "page": page,
        "filters": filters,
        "kinds": OrganizationKind.choices,
        "capped": capped,
        "can_create": reach.is_office_writer,
        "region_picker": RegionPickerWidget(root=codes[0] if len(codes) == 1 else None, depth=4).render(
            "region", filters.region or None
        ),
    }
    return render_page(request, "accounts/organization_list.html", context, partial="rows")


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    reach = reach_of(request.user)
    if not reach.is_office_writer:
        raise PermissionDenied
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = services.organization_create(
                actor=request.user,
                kind=data["kind"],
                name=data["name"],
                region_code=data["region"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
                jurisdiction_code=data.get("jurisdiction") or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Organisasi disimpan."))
            return redirect("accounts:organization_detail", pk=org.pk)
    return render(request, "accounts/organization_form.html", {"form": form, "title": _("Organisasi baru")})


@login_required
@never_cache  # personal data: never kept by a browser or a proxy
def organization_detail(request, pk: int):
    org = selectors.access_organization(user=request.user, pk=pk)
    reach = reach_of(request.user)
    may_people = reach.manages_people_of(org)
    memberships = list(selectors.membership_list(user=request.user, organization=org))
    context = {
        "org": org,
        "contact": organization_contact(request.user, org),
        "can_edit": reach.can_edit_organization(org),
        "can_manage_people": may_people,
        "memberships": memberships,
        "member_emails": {m.pk: membership_email(request.user, m) for m in memberships},
        "invitations": selectors.invitation_list(user=request.user, organization=org)[:20]
        if may_people
        else [],
        "invite_form": InvitationForm(organization=org),
        "timeline": selectors.organization_timeline(user=request.user, organization=org)[:30],
        "invite_result": request.session.pop("invite_result", None),
    }
    return render(request, "accounts/organization_detail.html", context)


@login_required
@no_store  # the form holds an UMKM owner's contacts
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk: int):
    org = selectors.access_organization(user=request.user, pk=pk)
    if not reach_of(request.user).can_edit_organization(org):
        raise PermissionDenied
    initial = {
        "name": org.name,
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
    }
    form = OrganizationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organization_update(
                actor=request.user,
                organization=org,
                name=data["name"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("accounts:organization_detail", pk=org.pk)
    return render(request, "accounts/organization_form.html", {"form": form, "title": org.name, "org": org})


@login_required
@require_POST
def invitation_create(request, pk: int):
    org = selectors.access_organization(user=request.user, pk=pk)
    # Refused before the form is read: whoever may not manage these people learns nothing more.
    if not reach_of(request.user).manages_people_of(org):
        raise PermissionDenied
    form = InvitationForm(request.POST, organization=org)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items() if k in form.fields
        )
        messages.error(request, errors or _("Periksa isian undangan."))
        return redirect("accounts:organization_detail", pk=org.pk)
    try:
        invitation, link, wa = services.invitation_create(
            actor=request.user, organization=org, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        request.session["invite_result"] = {"email": invitation.email, "link": link, "whatsapp": wa}
        messages.success(request, _("Undangan dikirim ke %(email)s.") % {"email": invitation.email})
    return redirect("accounts:organization_detail", pk=org.pk)


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), pk=pk)
    selectors.access_organization(user=request.user, pk=invitation.organization_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Undangan dicabut."))
    return redirect("accounts:organization_detail", pk=invitation.organization_id)


@login_required
@require_POST
def membership_remove(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    selectors.access_organization(user=request.user, pk=membership.organization_id)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("Akses %(name)s dicabut.") % {"name": membership.user.full_name})
    return redirect("accounts:organization_detail", pk=membership.organization_id)


# --- audit ------------------------------------------------------------------------------------


@login_required
def audit_list(request):
    reach = reach_of(request.user)
    if not reach.is_office_admin:
        raise PermissionDenied
    filters = {k: request.GET.get(k, "").strip() for k in ("action", "actor", "object_type", "object_id")}
    page = Paginator(selectors.audit_event_list(user=request.user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "filters": filters, **selectors.audit_filter_choices(user=request.user)}
    return render_page(request, "accounts/audit_list.html", context, partial="rows")

