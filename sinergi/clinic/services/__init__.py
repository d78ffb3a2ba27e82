"""Every write of the clinic, one function each (STYLE.md): permission, rule, save, audit."""

from sinergi.clinic.services.cases import (
    case_accept,
    case_enrol,
    case_intake_save,
    case_prediagnosis_refresh,
    case_request,
    case_team_assign,
    diagnosis_agree,
    programme_for,
    rating_submit,
)
from sinergi.clinic.services.followup import (
    case_close,
    recommendation_add,
    recommendation_status_set,
    recommendations_training_attended,
    reminders_send,
    visit_attachment_add,
    visit_record,
    visit_schedule,
)
from sinergi.clinic.services.programmes import (
    expert_register,
    problem_save,
    programme_create,
    programme_update,
)

__all__ = [
    "case_accept",
    "case_close",
    "case_enrol",
    "case_intake_save",
    "case_prediagnosis_refresh",
    "case_request",
    "case_team_assign",
    "diagnosis_agree",
    "expert_register",
    "problem_save",
    "programme_create",
    "programme_for",
    "programme_update",
    "rating_submit",
    "recommendation_add",
    "recommendation_status_set",
    "recommendations_training_attended",
    "reminders_send",
    "visit_attachment_add",
    "visit_record",
    "visit_schedule",
]
