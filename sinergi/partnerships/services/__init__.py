"""Every write of partnerships, one function each (STYLE.md): permission, rule, save, audit."""

from sinergi.partnerships.services.agreements import (
    agreement_create,
    agreement_terminate,
    agreements_daily,
    document_add,
    party_add,
    party_remove,
    party_sign,
)
from sinergi.partnerships.services.obligations import (
    obligation_add,
    obligation_refresh,
    overdue_flag,
    progress_add,
)
from sinergi.partnerships.services.referrals import (
    lending_criteria_set,
    match_decide,
    referral_answer,
    referral_send,
)

__all__ = [
    "agreement_create",
    "agreement_terminate",
    "agreements_daily",
    "document_add",
    "lending_criteria_set",
    "match_decide",
    "obligation_add",
    "obligation_refresh",
    "overdue_flag",
    "party_add",
    "party_remove",
    "party_sign",
    "progress_add",
    "referral_answer",
    "referral_send",
]
