"""The notification centre: the list, opening one (marks it read), mark all read, preferences."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.core import notifications


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("Kirim pemberitahuan lewat e-mail"), required=False)
    daily_digest = forms.BooleanField(
        label=gettext_lazy("Kumpulkan e-mail menjadi satu ringkasan per hari"), required=False
    )
    whatsapp = forms.BooleanField(label=gettext_lazy("Tawarkan tautan WhatsApp"), required=False)


@login_required
def notification_list(request):
    page = Paginator(notifications.notification_list(user=request.user), 25).get_page(request.GET.get("page"))
    context = {"page_obj": page, "unread": notifications.unread_count(user=request.user)}
    return render(request, "core/notifications/list.html", context)


@login_required
@require_POST
def notification_open(request, pk: int):
    """Mark one notification read and go to what it is about."""
    notification = notifications.notification_mark_read(actor=request.user, pk=pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request):
    count = notifications.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Semua pemberitahuan ditandai sudah dibaca."))
    return redirect("notifications:list")


@login_required
def notification_preferences(request):
    preference = notifications.preference_of(request.user)
    initial = {
        "email": preference.email,
        "whatsapp": preference.whatsapp,
        "daily_digest": preference.daily_digest,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notifications.notification_preference_update(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Pengaturan pemberitahuan disimpan."))
        return redirect("notifications:preferences")
    return render(request, "core/notifications/preferences.html", {"form": form})
