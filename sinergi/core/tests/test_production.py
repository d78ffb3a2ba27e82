"""Production settings (DEBUG off) as a browser and a load balancer meet them, without a server."""

import json

from sinergi.core.tests.test_settings import _settings_probe

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "testserver"}

# Runs in a fresh interpreter with DEBUG off; none of these requests touches the database.
PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
def seen(response):
    return [response.status_code, response.get("Location"), response.get("Strict-Transport-Security"),
            bool(response.get("Content-Security-Policy"))]
print(json.dumps({
    "plain page": seen(client.get("/masuk/")),
    "plain probe": seen(client.get("/sehat/")),
    "https probe": seen(client.get("/sehat/", headers={"X-Forwarded-Proto": "https"})),
    "https probe head": seen(client.head("/sehat/", headers={"X-Forwarded-Proto": "https"})),
}))
"""


def test_production_sends_http_to_https_but_answers_the_liveness_probe():
    done = _settings_probe(PRODUCTION, PROBE)
    assert done.returncode == 0, done.stderr
    hsts = "max-age=31536000; includeSubDomains"
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "plain page": [301, "https://testserver/masuk/", None, False],
        "plain probe": [200, None, None, True],
        "https probe": [200, None, hsts, True],
        "https probe head": [200, None, hsts, True],
    }
