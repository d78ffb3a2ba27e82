"""Every change to users, organisations and memberships (STYLE.md: one function per write).

One module per sub-domain: organisations, memberships, invitations, people's own accounts,
business claims, privacy requests, API tokens and login throttling. Callers import from here.
"""

from sinergi.accounts.services.claims import business_claim_decide, business_claim_submit
from sinergi.accounts.services.common import ORGANIZATION_FIELDS, PRIVACY_NOTICE_VERSION
from sinergi.accounts.services.invitations import (
    invitation_accept,
    invitation_by_key,
    invitation_create,
    invitation_link,
    invitation_revoke,
)
from sinergi.accounts.services.logins import (
    EmailVerdict,
    Throttle,
    account_email_request,
    client_address,
    client_key,
    login_failure_record,
    login_succeeded,
    login_throttle,
    login_unlock_check,
    login_unlock_link,
    login_unlock_redeem,
    login_unlock_request,
)
from sinergi.accounts.services.memberships import (
    membership_add,
    membership_add_by_email,
    membership_move,
    membership_remove,
)
from sinergi.accounts.services.organizations import (
    organization_create,
    organization_mark_merged,
    organization_set_region,
    organization_unmerge,
    organization_update,
)
from sinergi.accounts.services.privacy import correction_request_create, correction_request_resolve
from sinergi.accounts.services.tokens import (
    api_token_authenticate,
    api_token_create,
    api_token_find,
    api_token_revoke,
    api_tokens_revoke_all,
)
from sinergi.accounts.services.users import (
    user_password_change,
    user_password_reset,
    user_register,
    user_update_profile,
)

# The system actor belongs to core (every slice names it); it stays importable from here.
from sinergi.core.actors import SYSTEM_EMAIL, system_user

__all__ = [
    "ORGANIZATION_FIELDS",
    "PRIVACY_NOTICE_VERSION",
    "SYSTEM_EMAIL",
    "EmailVerdict",
    "Throttle",
    "account_email_request",
    "api_token_authenticate",
    "api_token_create",
    "api_token_find",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "client_address",
    "client_key",
    "business_claim_decide",
    "business_claim_submit",
    "correction_request_create",
    "correction_request_resolve",
    "invitation_accept",
    "invitation_by_key",
    "invitation_create",
    "invitation_link",
    "invitation_revoke",
    "login_failure_record",
    "login_succeeded",
    "login_throttle",
    "login_unlock_check",
    "login_unlock_link",
    "login_unlock_redeem",
    "login_unlock_request",
    "membership_add",
    "membership_add_by_email",
    "membership_move",
    "membership_remove",
    "organization_create",
    "organization_mark_merged",
    "organization_set_region",
    "organization_unmerge",
    "organization_update",
    "system_user",
    "user_password_change",
    "user_password_reset",
    "user_register",
    "user_update_profile",
]
