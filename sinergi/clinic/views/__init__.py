"""Clinic pages: parse, call the service or selector, render."""

from sinergi.clinic.views.cases import (
    case_accept,
    case_agree,
    case_close,
    case_detail,
    case_intake,
    case_pdf,
    case_rate,
    case_team,
    enrol,
    enrol_warning,
    recommendation_add,
    recommendation_status,
    request_clinic,
    visit_add,
    visit_attachment,
    visit_record,
)
from sinergi.clinic.views.programmes import (
    expert_list,
    index,
    problem_edit,
    problem_list,
    programme_create,
    programme_detail,
    programme_edit,
    programme_report,
)

__all__ = [
    "case_accept", "case_agree", "case_close", "case_detail", "case_intake", "case_pdf", "case_rate",
    "case_team", "enrol", "enrol_warning", "expert_list", "index", "problem_edit", "problem_list",
    "programme_create", "programme_detail", "programme_edit", "programme_report", "recommendation_add",
    "recommendation_status", "request_clinic", "visit_add", "visit_attachment", "visit_record",
]  # fmt: skip
