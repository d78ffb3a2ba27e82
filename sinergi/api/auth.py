"""API authentication: personal tokens (`Authorization: Bearer sng_…`) or the browser session.

A revoked or expired token, or one of a deactivated user, answers 401 like an unknown one.
"""

from ninja.security import HttpBearer, SessionAuth

from sinergi.accounts.services import api_token_find


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = api_token_find(token)
        if found is None:
            return None
        request.user = found.user
        # The token itself, for the rules that depend on it (a token may not make a longer-lived one).
        request.api_token = found
        return found.user


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
AUTH = [token_auth, session_auth]
