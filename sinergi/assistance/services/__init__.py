"""Every write of warung aid, one function each (STYLE.md): permission, rule, save, audit, tally.

The cycle's order is one rule (`rules.step_problem`) that every step asks; eligibility
(`eligibility`) and the selection (`selection`) are pure modules that these functions feed with
the stored facts, so the page, the API and the command answer alike.
"""

from sinergi.assistance.services.applications import (
    address_key,
    application_submit,
    computed_criteria,
    selection_compute,
    selection_override,
    selection_run,
    standing,
)
from sinergi.assistance.services.common import VISIT_MONTHS, _add_months, refuse
from sinergi.assistance.services.grievances import (
    grievance_answer,
    grievance_file,
    grievances_escalate,
)
from sinergi.assistance.services.handover import (
    handover_confirm,
    handover_items,
    handover_record,
    repayment_record,
    visit_for,
    visit_record,
)
from sinergi.assistance.services.programmes import (
    applications_close,
    package_add,
    programme_create,
    programme_finish,
)

__all__ = [
    "VISIT_MONTHS",
    "_add_months",
    "address_key",
    "application_submit",
    "applications_close",
    "computed_criteria",
    "grievance_answer",
    "grievance_file",
    "grievances_escalate",
    "handover_confirm",
    "handover_items",
    "handover_record",
    "package_add",
    "programme_create",
    "programme_finish",
    "refuse",
    "repayment_record",
    "selection_compute",
    "selection_override",
    "selection_run",
    "standing",
    "visit_for",
    "visit_record",
]
