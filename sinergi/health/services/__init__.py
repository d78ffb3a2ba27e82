"""Every change in the health slice, by sub-domain:

- `reports`: annual reports, from draft to verified (entry, submission, review);
- `attachments`: the documents attached to a report;
- `assessments`: scoring a verified report, and rescoring a year as a background job;
- `questionnaire`: the wording of the management questionnaire and its versions;
- `imports`: the import of annual reports from a sheet, as a background job.

Callers import from `sinergi.health.services`; the names below are the slice's write interface.
Supervision (inactivity proposals, dissolution) has its own `supervision/services.py`.
"""

from sinergi.health.access import may_edit_questionnaire, may_enter, may_review
from sinergi.health.batch import assessments_score_year
from sinergi.health.inputs import report_input
from sinergi.health.services.assessments import (
    assessment_batch_run,
    assessment_batch_start,
    assessment_score,
    current_rules,
    uses_indicative_score,
)
from sinergi.health.services.attachments import (
    MAX_ATTACHMENTS,
    max_attachment_bytes,
    report_attachment_add,
    report_attachment_remove,
)
from sinergi.health.services.imports import annual_report_import_run, annual_report_import_start
from sinergi.health.services.questionnaire import (
    questionnaire_current,
    questionnaire_seed,
    questionnaire_version_create,
)
from sinergi.health.services.reports import (
    REPORT_FIELDS,
    annual_report_create,
    annual_report_delete,
    annual_report_return,
    annual_report_submit,
    annual_report_update,
    annual_report_verify,
)

__all__ = [
    "MAX_ATTACHMENTS",
    "REPORT_FIELDS",
    "annual_report_create",
    "annual_report_delete",
    "annual_report_import_run",
    "annual_report_import_start",
    "annual_report_return",
    "annual_report_submit",
    "annual_report_update",
    "annual_report_verify",
    "assessment_batch_run",
    "assessment_batch_start",
    "assessment_score",
    "assessments_score_year",
    "current_rules",
    "max_attachment_bytes",
    "may_edit_questionnaire",
    "may_enter",
    "may_review",
    "questionnaire_current",
    "questionnaire_seed",
    "questionnaire_version_create",
    "report_attachment_add",
    "report_attachment_remove",
    "report_input",
    "uses_indicative_score",
]
