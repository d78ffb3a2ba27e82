"""Offer the acting person the WhatsApp links of the notifications their request sent."""

from __future__ import annotations

from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from sinergi.core.notifications import collecting_whatsapp_offers, offers_kept


class WhatsAppOfferMiddleware:
    """After the view, the links collected by `notify_users` become one message on the next page.

    Listed after MessageMiddleware, so the message is stored with the response (a redirect shows it
    on the page it leads to).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting_whatsapp_offers() as offers:
            response = self.get_response(request)
        if not offers or not hasattr(request, "_messages") or response.status_code >= 400:
            return response
        offers = offers_kept(offers)
        if offers:
            text = render_to_string("core/includes/whatsapp_offers.html", {"offers": offers}, request=request)
            # Rendered by the template engine, every value escaped there.
            messages.info(request, mark_safe(text.strip()), extra_tags="whatsapp")  # noqa: S308
        return response
