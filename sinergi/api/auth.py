"""API authentication: personal tokens (`Authorization: Bearer sng_…`) or the browser session."""

from ninja.security import HttpBearer, SessionAuth

from sinergi.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
AUTH = [token_auth, session_auth]
