from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "sinergi.purchasing"
    label = "purchasing"
    verbose_name = "Belanja Bareng / Joint purchasing"

    def ready(self):
        # A registry move or merge of an organisation moves what this slice counts at its place.
        from sinergi.purchasing.tallies import watch_organizations
        from sinergi.registry.tallies import ORGANIZATION_WATCHERS

        if watch_organizations not in ORGANIZATION_WATCHERS:
            ORGANIZATION_WATCHERS.append(watch_organizations)

        # Networks live in the registry: a departure with an unfinished order is refused, and a
        # new lead moves the rounds counted at its village.
        from sinergi.purchasing.services.networks import refuse_leaving_with_orders, watch_lead_change
        from sinergi.registry.services.networks import LEAD_WATCHERS, LEAVE_CHECKS

        if refuse_leaving_with_orders not in LEAVE_CHECKS:
            LEAVE_CHECKS.append(refuse_leaving_with_orders)
        if watch_lead_change not in LEAD_WATCHERS:
            LEAD_WATCHERS.append(watch_lead_change)

        # The change history shows this slice's amounts in Rupiah (every money field is whole Rupiah).
        from django.db import models

        from sinergi.core import audit_text

        for model in self.get_models():
            for model_field in model._meta.get_fields():
                whole = isinstance(model_field, models.DecimalField) and model_field.decimal_places == 0
                if whole and model_field.max_digits >= 18:
                    audit_text.register_field(model._meta.label_lower, model_field.name, audit_text.MONEY)
        audit_text.register_field("purchasing.purchaseorder", "total", audit_text.MONEY)
