import datetime as dt
from decimal import Decimal

import pytest

from sinergi.core.audit import audit_record, changed, jsonable, snapshot
from sinergi.core.models import AuditEvent


def test_jsonable_turns_decimals_and_dates_into_text():
    assert jsonable({"a": Decimal("1.50"), "d": dt.date(2026, 1, 2), "l": [Decimal("2")]}) == {
        "a": "1.50",
        "d": "2026-01-02",
        "l": ["2"],
    }


def test_changed_keeps_only_differences():
    assert changed({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})


@pytest.mark.django_db
def test_audit_record_stores_actor_object_and_states(cooperative_bogor, officer_bogor):
    event = audit_record(
        actor=officer_bogor,
        action="organization.update",
        obj=cooperative_bogor,
        before={"name": "A"},
        after={"name": "B"},
        region_code=cooperative_bogor.region_id,
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == officer_bogor
    assert stored.actor_label == "staf.bogor@sinergi.test"
    assert stored.object_type == "accounts.organization"
    assert stored.object_id == str(cooperative_bogor.pk)
    assert stored.before == {"name": "A"} and stored.after == {"name": "B"}
    assert stored.region_code == "32.71.06.1001"
    assert snapshot(cooperative_bogor, ["name"]) == {"name": "Koperasi Sejahtera Bersama"}


@pytest.mark.django_db
def test_audit_record_without_actor_is_the_system():
    event = audit_record(actor=None, action="regions.load", object_type="regions.region")
    assert event.actor is None and event.actor_label == "system"


# --- no personal data in the trail ----------------------------------------------------------------


def test_redact_replaces_personal_values_and_keeps_empty_ones():
    from sinergi.core.audit import REDACTED, redact

    assert redact(
        {
            "owner_nik": "3271064107850003",
            "phone": "6281234567890",
            "address": "Gg. Mawar RT 02/05",
            "email": "",
            "nik": None,
            "name": "Toko Satu",
            "merged": [{"owner_phone": "6281234567890", "status": "aktif"}],
        }
    ) == {
        "owner_nik": REDACTED,
        "phone": REDACTED,
        "address": REDACTED,
        "email": "",
        "nik": None,
        "name": "Toko Satu",
        "merged": [{"owner_phone": REDACTED, "status": "aktif"}],
    }
    assert REDACTED == "•••"


@pytest.mark.django_db
def test_audit_record_stores_that_a_nik_changed_not_the_nik(umkm_bogor, officer_bogor):
    event = audit_record(
        actor=officer_bogor,
        action="business.update",
        obj=umkm_bogor,
        before={"owner_nik": "3271064107850003", "owner_name": "Euis"},
        after={"owner_nik": "3271060101800001", "owner_name": "Euis R."},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.before == {"owner_nik": "•••", "owner_name": "Euis"}
    assert stored.after == {"owner_nik": "•••", "owner_name": "Euis R."}


@pytest.mark.django_db
def test_audit_many_redacts_the_same_fields(umkm_bogor, officer_bogor):
    from sinergi.core.audit import audit_many

    audit_many(
        actor=officer_bogor,
        action="business.import_update",
        object_type="registry.businessprofile",
        events=[
            (
                umkm_bogor.pk,
                "Toko",
                "32.71.06.1003",
                umkm_bogor.pk,
                {"phone": "6281234567890"},
                {"phone": ""},
            ),
            (umkm_bogor.pk, "Toko", "32.71.06.1003", umkm_bogor.pk, None, {"owner_nik": "3271064107850003"}),
        ],
    )
    events = AuditEvent.objects.filter(action="business.import_update").order_by("pk")
    stored = list(events.values_list("before", "after"))
    assert stored == [({"phone": "•••"}, {"phone": ""}), (None, {"owner_nik": "•••"})]


@pytest.mark.django_db
def test_updating_an_owners_nik_writes_an_event_without_any_digit_of_it(officer_bogor):
    from sinergi.registry.services import business_register, business_update

    business = business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003"
    )
    business_update(actor=officer_bogor, business=business, owner_nik="3271060101800001")
    events = AuditEvent.objects.filter(object_id=str(business.pk)).order_by("pk")
    assert [e.action for e in events][-1] == "business.update"
    update = events.last()
    assert (update.before, update.after) == ({"owner_nik": "•••"}, {"owner_nik": "•••"})
    stored = " ".join(str(v) for e in events for v in (e.before, e.after, e.object_repr))
    for nik in ("3271064107850003", "3271060101800001"):
        assert nik not in stored and nik[4:12] not in stored and nik[-4:] not in stored


@pytest.mark.django_db
def test_the_history_says_a_personal_value_changed_without_showing_it():
    from django.template import Context, Template
    from django.utils import translation

    template = Template('{% show_changes before after "registry.businessprofile" %}')
    with translation.override("id"):
        html = template.render(
            Context({"before": {"owner_nik": "•••", "owner_name": "A"}, "after": {"owner_nik": "•••", "owner_name": "B"}})
        )
        added = template.render(Context({"before": {"phone": ""}, "after": {"phone": "•••"}}))
    assert "•••" not in html and "•••" not in added
    assert html == (
        '<ul class="changes"><li>NIK pemilik diubah (data pribadi tidak dicatat)</li>'
        "<li>Nama pemilik diubah dari A menjadi B</li></ul>\n"
    )
    assert "<li>Nomor WhatsApp diubah dari kosong menjadi data pribadi (tidak dicatat)</li>" in added


def test_redact_label_hides_every_address_in_an_objects_label():
    from sinergi.core.audit import redact_label

    assert [
        redact_label("bendahara@ksb.test → Koperasi Sejahtera Bersama"),
        redact_label("a@b.id, c.d+e@f-g.co.id dan Toko"),
        redact_label("Koperasi Sejahtera Bersama"),
        redact_label("Koperasi @Bogor"),
        redact_label("(info@koperasi.id)."),
        redact_label(""),
    ] == [
        "••• → Koperasi Sejahtera Bersama",
        "•••, ••• dan Toko",
        "Koperasi Sejahtera Bersama",
        "Koperasi @Bogor",
        "(•••).",
        "",
    ]


@pytest.mark.django_db
def test_an_address_in_an_objects_label_never_reaches_the_trail(officer_bogor, cooperative_bogor):
    """A model whose `__str__` shows an address (an invitation, a person without a name) is labelled
    without it, by audit_record and audit_many alike."""
    from sinergi.accounts.tests.factories import UserFactory
    from sinergi.core.audit import audit_many

    person = UserFactory(email="tanpa.nama@ksb.test", full_name="")
    assert str(person) == "tanpa.nama@ksb.test"
    event = audit_record(actor=officer_bogor, action="user.touch", obj=person)
    audit_many(
        actor=officer_bogor,
        action="user.touch_many",
        object_type="accounts.user",
        events=[(person.pk, f"{person} — Koperasi", "", None, None, {"email": "tanpa.nama@ksb.test"})],
    )
    stored = list(
        AuditEvent.objects.filter(action__startswith="user.touch").order_by("pk").values_list("object_repr", "after")
    )
    assert stored == [("•••", None), ("••• — Koperasi", {"email": "•••"})]
    assert AuditEvent.objects.get(pk=event.pk).object_id == str(person.pk)
