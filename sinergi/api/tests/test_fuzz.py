"""The whole API fuzzed from its published document (`/api/v1/openapi.json`) with schemathesis.

Every operation gets schema-valid and schema-invalid requests (a bounded number, derandomised so a
run is reproducible), each sent with an office officer's token over the demo world and again without
credentials. A request fails the test when the API answers with a server error (5xx), with a status
the document does not list for the operation, or with a body that does not match the document.

Path parameters are mapped onto objects that exist (and one that does not), so detail and write
operations reach the services instead of stopping at 404. The requests run in-process through
Django's WSGI handler, inside the test's transaction; the demo world is built once for the module
and rolled back at its end. The counts (operations, requests, failures) are printed at the end.
"""

import traceback
from collections import Counter

import pytest
import schemathesis
from django.apps import apps
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.models import Membership
from sinergi.accounts.services import api_token_create, system_user
from sinergi.assistance import demo as assistance_demo
from sinergi.clinic import demo as clinic_demo
from sinergi.consignment import demo as consignment_demo
from sinergi.events import demo as events_demo
from sinergi.health import demo as health_demo
from sinergi.market import demo as market_demo
from sinergi.partnerships import demo as partnerships_demo
from sinergi.purchasing import demo as purchasing_demo
from sinergi.registry import demo as registry_demo

# Examples per operation and authentication (the coverage phase adds its boundary cases).
MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Path parameters and the objects they name: (app label, model, field the value is read from).
PATH_OBJECTS = {
    "cooperative_id": [("registry", "CooperativeProfile", "pk"), ("accounts", "Organization", "pk")],
    "business_id": [("registry", "BusinessProfile", "pk")],
    "org_id": [("accounts", "Organization", "pk")],
    "membership_id": [("accounts", "Membership", "pk")],
    "token_id": [("accounts", "ApiToken", "pk")],
    "batch_id": [("registry", "ImportBatch", "pk")],
    "duplicate_id": [("registry", "DuplicateCandidate", "pk")],
    "merge_id": [("registry", "MergeRecord", "pk")],
    "cluster_id": [("registry", "Cluster", "pk")],
    "report_id": [("health", "AnnualReport", "pk")],
    "network_id": [("registry", "Network", "pk")],
    "round_id": [("purchasing", "Round", "pk")],
    "po_id": [("purchasing", "PurchaseOrder", "pk")],
    "product": [("purchasing", "Product", "code")],
    "event_id": [("events", "Event", "pk")],
    "registration_id": [("events", "Registration", "pk")],
    "programme_id": [("clinic", "Programme", "pk"), ("assistance", "Programme", "pk")],
    "case_id": [("clinic", "Case", "pk")],
    "visit_id": [("clinic", "Visit", "pk")],
    "recommendation_id": [("clinic", "Recommendation", "pk")],
    "product_id": [("market", "Product", "pk")],
    "legality_id": [("market", "Legality", "pk")],
    "statement_id": [("consignment", "Statement", "pk")],
    "agreement_id": [("partnerships", "Agreement", "pk")],
    "party_id": [("partnerships", "Party", "pk")],
    "obligation_id": [("partnerships", "Obligation", "pk")],
    "referral_id": [("partnerships", "Referral", "pk")],
    "organization_id": [("accounts", "Organization", "pk")],
    "bank_id": [("accounts", "Organization", "pk")],
    "application_id": [("assistance", "Application", "pk")],
    "grievance_id": [("assistance", "Grievance", "pk")],
}
POOL_SIZE = 12

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
)

POOLS: dict[str, list] = {}
TOKEN: dict[str, str] = {}
COUNTS: dict[str, Counter] = {
    "office staff": Counter(operations=set()),
    "no credentials": Counter(operations=set()),
}
SERVER_ERRORS: list[str] = []


@schema.hook
def map_path_parameters(context, path_parameters):
    """Most generated ids name nothing; map them onto the demo world's objects (one of each pool
    does not exist), keeping the values of the wrong type that schema-invalid cases send."""
    for name, value in list((path_parameters or {}).items()):
        pool = POOLS.get(name)
        if not pool:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            path_parameters[name] = pool[value % len(pool)]
        elif isinstance(value, str) and isinstance(pool[0], str):
            path_parameters[name] = pool[len(value) % len(pool)]
    return path_parameters


def _pool(sources) -> list:
    values = []
    for app_label, model_name, field in sources:
        model = apps.get_model(app_label, model_name)
        values += list(model.objects.order_by("pk").values_list(field, flat=True)[:POOL_SIZE])
    if values and isinstance(values[0], int):
        values.append(max(values) + 100_000)
    elif values:
        values.append("tidak-ada")
    return values


@pytest.fixture(scope="module")
def demo_world(request, django_db_setup, django_db_blocker):
    """The demo world and a token of Kota Bogor's office staff, rolled back after the module.

    The in-process requests share the test's connection: Django must not close it when a request
    ends, as its test client arranges for its own requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def remember(sender, request, **kwargs):
        SERVER_ERRORS.append(traceback.format_exc())

    signals.got_request_exception.connect(remember)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            actor = system_user()
            accounts_demo.seed(actor=actor)
            registry_demo.seed(actor=actor)
            purchasing_demo.seed(actor=actor)
            health_demo.seed(actor=actor)
            events_demo.seed(actor=actor)
            clinic_demo.seed(actor=actor)
            market_demo.seed(actor=actor)
            consignment_demo.seed(actor=actor)
            assistance_demo.seed(actor=actor)
            partnerships_demo.seed(actor=actor)
            staff = (
                Membership.objects.filter(organization__jurisdiction_id="32.71", role="staff")
                .select_related("user")
                .first()
                .user
            )
            TOKEN["raw"] = api_token_create(actor=staff, name="uji fuzzing")[1]
            for name, sources in PATH_OBJECTS.items():
                POOLS[name] = _pool(sources)
            yield
            transaction.set_rollback(True)
    finally:
        signals.got_request_exception.disconnect(remember)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        _report(request.config)


def _report(config) -> None:
    """The counts, written past pytest's output capture so every run shows them."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        for mode, counts in COUNTS.items():
            if counts["requests"]:
                reporter.write_line(
                    f"API fuzzing ({mode}): {len(counts['operations'])} operations, {counts['requests']} "
                    f"requests, {counts['failures']} failures ({counts['5xx']} server errors)"
                )


def _call(case, mode: str, headers: dict) -> None:
    counts = COUNTS[mode]
    counts["operations"].add(case.operation.label)
    seen = len(SERVER_ERRORS)
    try:
        response = case.call(headers=headers)
        counts["requests"] += 1
        if response.status_code >= 500:
            counts["5xx"] += 1
        case.validate_response(response, checks=CHECKS)
    except Exception as exc:
        counts["failures"] += 1
        if len(SERVER_ERRORS) > seen:
            exc.add_note(SERVER_ERRORS[-1])
        raise


@pytest.mark.django_db
@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None, print_blob=False)
def test_api_answers_every_request_as_documented(case, demo_world):
    """Each generated request is sent twice: with an office officer's token, and without
    credentials (which must be answered 401, as documented)."""
    _call(case, "office staff", {"Authorization": f"Bearer {TOKEN['raw']}"})
    _call(case, "no credentials", {})
