"""An audit event in words, in the active language: what the history panels and the audit trail show.

"Tanggal RAT terakhir diubah dari 03-06-2026 menjadi kosong oleh Staf Dinas Kota Bandung": the field
by its label (the model field's verbose_name), the values as a person reads them (dates dd-mm-yyyy,
choices by their label, numbers grouped the Indonesian way, an empty value as "kosong"), and the
actor by name. A personal value the trail never stored (`core.audit.REDACTED`) stays unsaid.

Objects are found by their model label (`accounts.organization`) through the app registry, so this
module names no slice: core sits below all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sinergi.core.audit import PERSONAL_DATA_READ, REDACTED

DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"

# What happened, by the action a service records. An action not listed is named by its object and
# its last word (see `action_label`), never by its stored code.
ACTION_LABELS = {
    "organization.create": gettext_lazy("Organisasi didaftarkan"),
    "organization.update": gettext_lazy("Data organisasi diubah"),
    "organization.move": gettext_lazy("Organisasi dipindah wilayah"),
    "organization.merge": gettext_lazy("Organisasi digabungkan"),
    "organization.unmerge": gettext_lazy("Penggabungan organisasi dibatalkan"),
    "organization.move_request": gettext_lazy("Permintaan pindah wilayah diajukan"),
    "organization.move_approve": gettext_lazy("Pindah wilayah disetujui"),
    "organization.move_refuse": gettext_lazy("Pindah wilayah ditolak"),
    "organization.move_cancel": gettext_lazy("Permintaan pindah wilayah dibatalkan"),
    "cooperative.register": gettext_lazy("Koperasi didaftarkan"),
    "cooperative.update": gettext_lazy("Data koperasi diubah"),
    "cooperative.import_update": gettext_lazy("Data koperasi diperbarui dari impor"),
    "cooperative.status": gettext_lazy("Status koperasi diubah"),
    "cooperative.rat": gettext_lazy("Rapat Anggota Tahunan dicatat"),
    "cooperative.officers": gettext_lazy("Pengurus dan pengawas diubah"),
    "business.register": gettext_lazy("Usaha didaftarkan"),
    "business.update": gettext_lazy("Data usaha diubah"),
    "business.import_update": gettext_lazy("Data usaha diperbarui dari impor"),
    "business.cooperatives": gettext_lazy("Keanggotaan koperasi usaha diubah"),
    "member.add": gettext_lazy("Anggota ditambahkan"),
    "member.update": gettext_lazy("Data anggota diubah"),
    "member.import_update": gettext_lazy("Data anggota diperbarui dari impor"),
    "membership.add": gettext_lazy("Pengguna ditambahkan ke organisasi"),
    "membership.remove": gettext_lazy("Pengguna dikeluarkan dari organisasi"),
    "membership.move": gettext_lazy("Keanggotaan pengguna dipindahkan"),
    "invitation.create": gettext_lazy("Undangan dikirim"),
    "invitation.revoke": gettext_lazy("Undangan dicabut"),
    "invitation.accept": gettext_lazy("Undangan diterima"),
    "claim.submit": gettext_lazy("Klaim organisasi diajukan"),
    "claim.approve": gettext_lazy("Klaim organisasi disetujui"),
    "claim.reject": gettext_lazy("Klaim organisasi ditolak"),
    "duplicate.scan": gettext_lazy("Pencarian data ganda dijalankan"),
    "duplicate.distinct": gettext_lazy("Pasangan dinyatakan bukan data ganda"),
    "duplicate.merge": gettext_lazy("Data ganda digabungkan"),
    "duplicate.merge.fill": gettext_lazy("Data yang kosong dilengkapi dari data ganda"),
    "duplicate.merge.links": gettext_lazy("Tautan data ganda dipindahkan"),
    "duplicate.merge.members": gettext_lazy("Anggota data ganda dipindahkan"),
    "duplicate.merge_revert": gettext_lazy("Penggabungan data ganda dibatalkan"),
    "cluster.create": gettext_lazy("Klaster dibuat"),
    "cluster.update": gettext_lazy("Klaster diubah"),
    "registry.import_upload": gettext_lazy("Berkas impor diunggah"),
    "registry.import_purge": gettext_lazy("Berkas impor lama dihapus"),
    "registry.import": gettext_lazy("Impor dijalankan"),
    "registry.export": gettext_lazy("Data diunduh"),
    "api_token.create": gettext_lazy("Token API dibuat"),
    "api_token.revoke": gettext_lazy("Token API dicabut"),
    "user.register": gettext_lazy("Akun didaftarkan"),
    "user.update_profile": gettext_lazy("Profil pengguna diubah"),
    "user.password_change": gettext_lazy("Kata sandi diganti"),
    "user.password_reset": gettext_lazy("Kata sandi diatur ulang"),
    "user.login_unlock": gettext_lazy("Akun dibuka kembali"),
    "privacy.correction_request": gettext_lazy("Permintaan koreksi data diajukan"),
    "privacy.correction_resolve": gettext_lazy("Permintaan koreksi data diselesaikan"),
    "status_proposal.create": gettext_lazy("Usulan perubahan status dibuat"),
    "status_proposal.confirm": gettext_lazy("Usulan perubahan status dikonfirmasi"),
    "status_proposal.dismiss": gettext_lazy("Usulan perubahan status diabaikan"),
    "database.backup": gettext_lazy("Cadangan basis data dibuat"),
    "database.restore": gettext_lazy("Basis data dipulihkan"),
    PERSONAL_DATA_READ: gettext_lazy("Membaca data pribadi tanpa samaran"),
}

# The last word of an action not listed above, as a verb.
VERBS = {
    "create": gettext_lazy("dibuat"),
    "register": gettext_lazy("didaftarkan"),
    "add": gettext_lazy("ditambahkan"),
    "update": gettext_lazy("diubah"),
    "save": gettext_lazy("disimpan"),
    "set": gettext_lazy("diatur"),
    "remove": gettext_lazy("dihapus"),
    "delete": gettext_lazy("dihapus"),
    "drop": gettext_lazy("dihapus"),
    "submit": gettext_lazy("diajukan"),
    "verify": gettext_lazy("diverifikasi"),
    "return": gettext_lazy("dikembalikan"),
    "approve": gettext_lazy("disetujui"),
    "reject": gettext_lazy("ditolak"),
    "open": gettext_lazy("dibuka"),
    "reopen": gettext_lazy("dibuka kembali"),
    "close": gettext_lazy("ditutup"),
    "send": gettext_lazy("dikirim"),
    "revoke": gettext_lazy("dicabut"),
    "withdraw": gettext_lazy("ditarik"),
    "confirm": gettext_lazy("dikonfirmasi"),
    "dismiss": gettext_lazy("diabaikan"),
}

# Keys an event stores beside a row's fields (the reason of a status change, a decision's note).
# A key neither a field nor listed here is left out of the sentences: it would show as a code.
EXTRA_LABELS = {
    "reason": gettext_lazy("alasan"),
    "note": gettext_lazy("catatan"),
    "comment": gettext_lazy("komentar"),
    "effective_on": gettext_lazy("berlaku sejak"),
    "status": gettext_lazy("status"),
    "role": gettext_lazy("peran"),
    "name": gettext_lazy("nama"),
    "email": gettext_lazy("email"),
    "phone": gettext_lazy("nomor WhatsApp"),
    "address": gettext_lazy("alamat"),
    "region": gettext_lazy("wilayah"),
    "to_region": gettext_lazy("wilayah tujuan"),
    "organization": gettext_lazy("organisasi"),
    "cooperative": gettext_lazy("koperasi"),
    "cooperatives": gettext_lazy("koperasi"),
    "user": gettext_lazy("pengguna"),
    "kind": gettext_lazy("jenis"),
    "is_active": gettext_lazy("aktif"),
    "officers": gettext_lazy("pengurus dan pengawas"),
    "members": gettext_lazy("anggota"),
    "moved": gettext_lazy("dipindahkan"),
    "added": gettext_lazy("ditambahkan"),
    "merged": gettext_lazy("digabungkan"),
    "merged_into": gettext_lazy("digabungkan ke"),
    "kept": gettext_lazy("dipertahankan"),
    "total": gettext_lazy("jumlah"),
    "skipped": gettext_lazy("dilewati"),
    "filename": gettext_lazy("nama berkas"),
    "expires_at": gettext_lazy("berlaku sampai"),
    "proposed_status": gettext_lazy("status yang diusulkan"),
}

# A name that is a role word rather than a person's name ("Staf Dinas ..." is a shared office login).
ROLE_WORDS = frozenset({"admin", "administrator", "staf", "pemantau", "operator", "petugas"})


@dataclass(frozen=True)
class EventText:
    """One event in words: a headline (what happened, by whom) and one sentence per changed field.

    When exactly one field changed, the headline is that field's sentence with the actor:
    "Tanggal RAT terakhir diubah dari 03-06-2026 menjadi kosong oleh Staf Dinas Kota Bandung".
    """

    headline: str
    lines: list[str] = field(default_factory=list)
    when: str = ""


def model_for(object_type: str) -> type[models.Model] | None:
    """The model an event's `object_type` ("accounts.organization") names, if it is one."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """An object type as a person names it ("Profil koperasi"), never as stored."""
    model = model_for(object_type)
    if model is not None:
        return _capfirst(str(model._meta.verbose_name))
    return _("Lainnya")


def action_label(action: str, object_type: str = "") -> str:
    """What an action did, in words."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    verb = VERBS.get(action.rsplit(".", 1)[-1].rsplit("_", 1)[-1])
    noun = object_type_label(object_type) if model_for(object_type) is not None else _("Data")
    return f"{noun} {verb}" if verb else _("%(noun)s diubah") % {"noun": noun}


def actor_name(event) -> str:
    """Who acted: the person's name; a role-word login by its organisation; the system as "Sistem"."""
    user = getattr(event, "actor", None)
    if user is not None:
        if getattr(user, "is_system", False):
            return _("Sistem")
        name = (user.full_name or "").strip()
        if name and name.split()[0].lower() not in ROLE_WORDS:
            return name
        if name and len(name.split()) > 1:
            return name
        org = _first_organization(user)
        if org:
            return f"{name} {org}".strip() if name else org
        return name or _("Pengguna")
    label = (getattr(event, "actor_label", "") or "").strip()
    if not label or label == "system":
        return _("Sistem")
    # The user is gone and only their e-mail address was kept: not shown.
    return _("Pengguna yang sudah dihapus") if "@" in label else label


def _first_organization(user) -> str:
    memberships = getattr(user, "memberships", None)
    if memberships is None:
        return ""
    first = memberships.select_related("organization").first()
    return first.organization.name if first else ""


def field_label(model: type[models.Model] | None, key: str) -> str:
    """A stored key by its field's verbose_name, or by its name in `EXTRA_LABELS`; "" for a key
    that has neither (left unsaid rather than shown as a code)."""
    if model is not None:
        try:
            model_field = model._meta.get_field(key)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and getattr(model_field, "verbose_name", key) not in (
            key,
            key.replace("_", " "),
        ):
            return _capfirst(str(model_field.verbose_name))
    if key in EXTRA_LABELS:
        return _capfirst(str(EXTRA_LABELS[key]))
    return ""


def value_text(model: type[models.Model] | None, key: str, value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return _("kosong")
    if value == REDACTED:
        return _("data pribadi (tidak dicatat)")
    model_field = None
    if model is not None:
        try:
            model_field = model._meta.get_field(key)
        except FieldDoesNotExist:
            model_field = None
    if model_field is not None and getattr(model_field, "choices", None):
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(model_field, models.DateTimeField) or _looks_like_datetime(value):
        moment = _parse_datetime(value)
        if moment is not None:
            return date_format(timezone.localtime(moment), DATETIME_FORMAT)
    if isinstance(model_field, models.DateField) or _looks_like_date(value):
        day = _parse_date(value)
        if day is not None:
            return date_format(day, DATE_FORMAT)
    if isinstance(model_field, models.ForeignKey) and model_field.related_model is not None:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        if related is not None:
            return str(related)
    if _is_amount(model_field, key, value):
        return _number(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or _("kosong")
    return str(value)


def _owner(models_: list, key: str):
    """The first of `models_` that has a field `key` (a profile's row carries its organisation's
    name and contacts beside its own fields)."""
    for model in models_:
        try:
            model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        return model
    return models_[0] if models_ else None


def change_lines(object_type: str, before: Any, after: Any, also: tuple[str, ...] = ()) -> list[str]:
    """One sentence per field an event's before/after mention; `also` names models whose fields the
    values may belong to as well (an import's row: the profile and its organisation)."""
    candidates = [m for m in (model_for(t) for t in (object_type, *also)) if m is not None]
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    lines = []
    for key in dict.fromkeys([*after.keys(), *before.keys()]):
        model = _owner(candidates, key)
        label = field_label(model, key)
        if not label:
            continue
        old, new = before.get(key), after.get(key)
        if old == REDACTED and new == REDACTED:
            lines.append(_("%(field)s diubah (data pribadi tidak dicatat)") % {"field": label})
        elif key in before and key in after:
            lines.append(
                _("%(field)s diubah dari %(old)s menjadi %(new)s")
                % {"field": label, "old": value_text(model, key, old), "new": value_text(model, key, new)}
            )
        elif key in after:
            lines.append(_("%(field)s: %(new)s") % {"field": label, "new": value_text(model, key, new)})
        else:
            lines.append(
                _("%(field)s sebelumnya %(old)s") % {"field": label, "old": value_text(model, key, old)}
            )
    return lines


def event_text(event) -> EventText:
    """The event in words (see `EventText`)."""
    who = actor_name(event)
    when = date_format(timezone.localtime(event.created_at), DATETIME_FORMAT) if event.created_at else ""
    if event.action == PERSONAL_DATA_READ:
        return EventText(headline=_("%(what)s oleh %(who)s") % {"what": action_label(event.action), "who": who},
                         lines=[], when=when)  # fmt: skip
    lines = change_lines(event.object_type, event.before, event.after)
    what = action_label(event.action, event.object_type)
    is_update = isinstance(event.before, dict) and isinstance(event.after, dict) and bool(event.before)
    if is_update and len(lines) == 1:
        return EventText(headline=_("%(what)s oleh %(who)s") % {"what": lines[0], "who": who}, when=when)
    return EventText(headline=_("%(what)s oleh %(who)s") % {"what": what, "who": who}, lines=lines, when=when)


def _is_amount(model_field, key: str, value: Any) -> bool:
    """A quantity to group (1.234,5); a year, a code or an id is left as written."""
    if isinstance(value, bool):
        return False
    if isinstance(model_field, models.DecimalField | models.FloatField):
        return True
    if isinstance(model_field, models.IntegerField) and not isinstance(model_field, models.AutoField):
        return "year" not in key and "tahun" not in str(model_field.verbose_name).lower()
    return model_field is None and isinstance(value, float | Decimal)


def _number(value: Any) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    places = max(0, -amount.normalize().as_tuple().exponent) if amount != amount.to_integral() else 0
    text = f"{amount:,.{places}f}"
    if (get_language() or "id").startswith("id"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _looks_like_date(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def _looks_like_datetime(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T"


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _parse_datetime(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, dt.UTC)


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]
