from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "sinergi.health"
    label = "health"
    verbose_name = "Kesehatan koperasi / Cooperative health"

    def ready(self):
        # A registry move or merge of an organisation moves what this slice counts at its place.
        from sinergi.health.tallies import watch_organizations
        from sinergi.registry.tallies import ORGANIZATION_WATCHERS

        if watch_organizations not in ORGANIZATION_WATCHERS:
            ORGANIZATION_WATCHERS.append(watch_organizations)

        # The change history words this slice's values: predicates and rule sets by their names,
        # amounts in Rupiah, the questionnaire's answers by how many changed.
        from sinergi.core import audit_text
        from sinergi.health.notices import _predicate_label
        from sinergi.health.scoring.report import AMOUNT_FIELDS
        from sinergi.health.templatetags.health_labels import rules_name

        for model in ("health.annualreport", "health.assessment"):
            for key in AMOUNT_FIELDS:
                audit_text.register_field(model, key, audit_text.MONEY)
        audit_text.register_field("health.annualreport", "manajemen", audit_text.ANSWERS)
        audit_text.register_field(
            "health.assessment", "predicate", audit_text.CHOICE, labels=_predicate_label
        )
        audit_text.register_field(
            "health.assessment", "rules", audit_text.CHOICE, labels=lambda code: rules_name(code) or code
        )
        audit_text.register_field("health.assessment", "total", audit_text.DECIMAL)
        audit_text.register_subject("health.assessment", _assessment_subject)
        audit_text.register_subject("health.annualreport", _report_subject)


def _report_subject(text: str) -> str:
    """A report's stored name ("KUD Rahayu 2025") as "KUD Rahayu, tahun buku 2025"."""
    from django.utils.translation import gettext as _

    name, _sep, year = text.rpartition(" ")
    return (
        _("%(name)s, tahun buku %(year)s") % {"name": name, "year": year} if year.isdigit() and name else text
    )


def _assessment_subject(text: str) -> str:
    """An assessment's stored name ("KUD Rahayu 2025 perdep-06-2016: 78.64") with the rule set by its
    name and the total in the reader's separators."""
    from sinergi.core.templatetags.sinergi import number
    from sinergi.health.templatetags.health_labels import rules_name

    head, sep, total = text.rpartition(": ")
    report, _sep, rules = head.rpartition(" ")
    if not sep or not report or not rules_name(rules):
        return text
    return f"{_report_subject(report)}, {rules_name(rules)}: {number(total, 2)}"
