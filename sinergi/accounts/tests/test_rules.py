"""The contact rules (`accounts.rules`): one phone rule and one e-mail rule, one wording, for the
organisation pages, the organisations API and every door of the registry."""

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import override

from sinergi.accounts import rules
from sinergi.accounts.models import Organization
from sinergi.accounts.services import api_token_create
from sinergi.core.models import AuditEvent
from sinergi.registry import cells
from sinergi.registry import rules as registry_rules
from sinergi.registry import services as registry

# --- the rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0812-3456-7890", None),
        ("+62 812 3456 7890", None),
        ("(0251) 8321123", None),  # an office landline
        ("12345", rules.PHONE_INVALID),
        ("0812", rules.PHONE_INVALID),
        ("bukan nomor", rules.PHONE_INVALID),
        ("", rules.PHONE_INVALID),
    ],
)
def test_phone_problem(value, code):
    assert rules.phone_problem(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("info@koperasi.id", None),
        ("  Bendahara.KSB@Mail.Example.co.id ", None),
        ("a+b_c-d@dinas-kop.jabarprov.go.id", None),
        ("x@koperasi.xn--p1ai", None),  # an internationalised top-level domain in punycode
        ("bukan-email", rules.EMAIL_INVALID),
        ("toko@", rules.EMAIL_INVALID),
        ("@koperasi.id", rules.EMAIL_INVALID),
        ("a..b@koperasi.id", rules.EMAIL_INVALID),
        (".a@koperasi.id", rules.EMAIL_INVALID),
        ("a@-koperasi.id", rules.EMAIL_INVALID),
        ("a@koperasi-.id", rules.EMAIL_INVALID),
        ("a@koperasi", rules.EMAIL_INVALID),
        ("a@koperasi.i", rules.EMAIL_INVALID),
        ("a@koperasi.123", rules.EMAIL_INVALID),
        ("a@b@koperasi.id", rules.EMAIL_INVALID),
        ("info@koperasi.id\n", None),  # surrounding spaces and line ends are not part of it
        ("info@kop erasi.id", rules.EMAIL_INVALID),
        ("a" * 248 + "@kop.id", rules.EMAIL_INVALID),  # 255 characters
        ("", rules.EMAIL_INVALID),
    ],
)
def test_email_problem(value, code):
    assert rules.email_problem(value) == code


def test_every_address_the_rule_accepts_the_models_accept_too():
    """Organisation and user e-mail columns are EmailFields: an address the rule lets through is
    never refused afterwards by the model's own validator with another reason."""
    accepted = [
        "info@koperasi.id",
        "a+b_c-d@dinas-kop.jabarprov.go.id",
        "x@koperasi.xn--p1ai",
        "o'brien@example.test",
        "a{b}|c~d@e-f.g-h.ij",
        "a" * 64 + "@" + "b" * 63 + ".id",
    ]
    for address in accepted:
        assert rules.email_problem(address) is None
        validate_email(address)


def test_the_problems_are_worded_once_in_each_language():
    with override("id"):
        assert [
            rules.problem_message(rules.PHONE_INVALID, value="12345"),
            rules.problem_message(rules.EMAIL_INVALID, value="bukan-email"),
        ] == ["Nomor telepon tidak valid: 12345", "Alamat e-mail tidak valid: bukan-email"]
    with override("en"):
        assert [
            rules.problem_message(rules.PHONE_INVALID, value="12345"),
            rules.problem_message(rules.EMAIL_INVALID, value="bukan-email"),
        ] == ["Invalid phone number: 12345", "Invalid e-mail address: bukan-email"]
    assert set(rules.MESSAGES) == {rules.PHONE_INVALID, rules.EMAIL_INVALID}


def test_the_registry_uses_the_same_rules_and_words():
    """The registry's names keep working, and they are the contact rules themselves."""
    assert registry_rules.phone_problem is rules.phone_problem
    assert registry_rules.email_problem is rules.email_problem
    assert (registry_rules.PHONE_INVALID, registry_rules.EMAIL_INVALID) == (rules.PHONE_INVALID, rules.EMAIL_INVALID)
    for code in (rules.PHONE_INVALID, rules.EMAIL_INVALID):
        assert registry_rules.MESSAGES[code] is rules.MESSAGES[code]
    assert registry_rules.VALUE_RULES["phone"] is rules.phone_problem
    assert registry_rules.VALUE_RULES["email"] is rules.email_problem


# --- the same reason through every door -------------------------------------------------------------

DOORS = [
    ("phone", "12345", "Nomor telepon tidak valid: 12345"),
    ("email", "bukan-email", "Alamat e-mail tidak valid: bukan-email"),
    ("email", "info@koperasi", "Alamat e-mail tidak valid: info@koperasi"),
]


@pytest.fixture
def office(client, officer_bogor):
    """The officer of Kota Bogor signed in to the pages, with an API token."""
    client.force_login(officer_bogor)
    token = api_token_create(actor=officer_bogor, name="uji")[1]
    client.api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    return client


def _state(org):
    """Everything a refused write could change: the organisations, the edited one, the trail."""
    return (
        Organization.objects.count(),
        Organization.objects.filter(pk=org.pk).values().get(),
        AuditEvent.objects.count(),
    )


def _form_errors(client, url, data, field):
    response = client.post(url, data)
    assert response.status_code == 200, "the page must show the form again"
    return response.context["form"].errors[field]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "reason"), DOORS)
def test_a_bad_contact_gets_the_same_reason_through_every_door(
    office, officer_bogor, cooperative_bogor, field, value, reason
):
    org = cooperative_bogor
    before = _state(org)
    new = {"kind": "company", "name": "CV Pangan Sehat", "region": "32.71.03.1002", field: value}
    # The organisation pages: a new organisation and the edit of one.
    assert _form_errors(office, "/akun/organisasi/baru/", new, field) == [reason]
    edit = {"name": org.name, "region": org.region_id, "address": org.address, "phone": org.phone, "email": org.email}
    assert _form_errors(office, f"/akun/organisasi/{org.pk}/ubah/", edit | {field: value}, field) == [reason]
    # The organisations API.
    expected = (400, {"detail": reason, "errors": {field: [reason]}})
    response = office.post("/api/v1/organizations/", new, content_type="application/json", **office.api)
    assert (response.status_code, response.json()) == expected
    response = office.patch(
        f"/api/v1/organizations/{org.pk}", {field: value}, content_type="application/json", **office.api
    )
    assert (response.status_code, response.json()) == expected
    # The registry: its page, its API and its service for a new cooperative.
    cooperative = {
        "name": "Koperasi Baru", "region": "32.71.03.1002", "status": "aktif", "form": "primer",
        "fiscal_year_end_month": 12, "members_male": 0, "members_female": 0, field: value,
    }  # fmt: skip
    assert _form_errors(office, "/registri/koperasi/baru/", cooperative, field) == [reason]
    response = office.post(
        "/api/v1/registry/cooperatives/",
        {"name": "Koperasi Baru", "region": "32.71.03.1002", field: value},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()) == expected
    with pytest.raises(ValidationError) as exc:
        registry.cooperative_register(
            actor=officer_bogor, name="Koperasi Baru", region_code="32.71.03.1002", **{field: value}
        )
    assert exc.value.message_dict == {field: [reason]}
    # A registry sheet's cell is refused for the same reason (the sheet names its column before it).
    read = cells.phone if field == "phone" else cells.email
    with pytest.raises(cells.CellError) as exc:
        read(value)
    assert exc.value.message_id == reason
    assert _state(org) == before


@pytest.mark.django_db
def test_the_same_doors_accept_a_good_contact(office, cooperative_bogor):
    """The control: the values refused above are the only reason the doors refuse."""
    org = cooperative_bogor
    edit = {"name": org.name, "region": org.region_id, "address": org.address}
    good = {"phone": "0812-3456-7890", "email": "Info@KSB.test"}
    assert office.post(f"/akun/organisasi/{org.pk}/ubah/", edit | good).status_code == 302
    org.refresh_from_db()
    assert (org.phone, org.email) == ("6281234567890", "info@ksb.test")
    response = office.post(
        "/api/v1/organizations/",
        {"kind": "company", "name": "CV Pangan Sehat", "region": "32.71.03.1002", **good},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()["phone"], response.json()["email"]) == (
        201,
        "6281234567890",
        "info@ksb.test",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("phone", "12345"), ("email", "bukan-email")])
def test_accounts_and_registry_services_give_one_reason_in_english_too(officer_bogor, field, value):
    from sinergi.accounts import services as accounts

    reasons = []
    with override("en"):
        for register in (
            lambda: accounts.organization_create(
                actor=officer_bogor, kind="company", name="CV Baru", region_code="32.71.03.1002", **{field: value}
            ),
            lambda: registry.cooperative_register(
                actor=officer_bogor, name="Koperasi Baru", region_code="32.71.03.1002", **{field: value}
            ),
        ):
            with pytest.raises(ValidationError) as exc:
                register()
            reasons.append(exc.value.message_dict)
    message = {"phone": "Invalid phone number: 12345", "email": "Invalid e-mail address: bukan-email"}[field]
    assert reasons == [{field: [message]}] * 2
    assert not Organization.objects.filter(name__in=["CV Baru", "Koperasi Baru"]).exists()


@pytest.mark.django_db
def test_a_stored_contact_sent_back_unchanged_is_not_judged_again(office, cooperative_bogor):
    """An address or number an older rule let in does not stop an edit saved untouched; changing it
    is judged."""
    Organization.objects.filter(pk=cooperative_bogor.pk).update(phone="0000", email="admin@localhost")
    org = Organization.objects.get(pk=cooperative_bogor.pk)
    edit = {"name": "Koperasi Sejahtera Bersama Baru", "address": org.address, "phone": "0000", "email": "admin@localhost"}
    assert office.post(f"/akun/organisasi/{org.pk}/ubah/", edit).status_code == 302
    org.refresh_from_db()
    assert (org.name, org.phone, org.email) == ("Koperasi Sejahtera Bersama Baru", "0000", "admin@localhost")
    errors = _form_errors(office, f"/akun/organisasi/{org.pk}/ubah/", edit | {"email": "info@localhost"}, "email")
    assert errors == ["Alamat e-mail tidak valid: info@localhost"]
