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
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from sinergi.core.audit import PERSONAL_DATA_READ, REDACTED
from sinergi.core.money import format_rupiah

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
    "registry.network.create": gettext_lazy("Jaringan dibuat"),
    "registry.network.update": gettext_lazy("Data jaringan diubah"),
    "registry.network.member_add": gettext_lazy("Organisasi bergabung ke jaringan"),
    "registry.network.member_pledge": gettext_lazy("Komitmen bergabung ke jaringan dicatat"),
    "registry.network.member_leave": gettext_lazy("Organisasi keluar dari jaringan"),
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
    "api_token.revoke_on_password": gettext_lazy("Token API dicabut karena sandi diganti"),
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
    "letterhead.save": gettext_lazy("Kop surat diubah"),
    "recap.request": gettext_lazy("Rekap bulanan diminta"),
    "insights.snapshot.take": gettext_lazy("Potret bulanan diambil"),
    "health.rat_reminder.send": gettext_lazy("Pengingat RAT dikirim"),
    "health.rat_overdue_notice.send": gettext_lazy("Pemberitahuan RAT terlambat dikirim otomatis"),
    "clinic.programme.create": gettext_lazy("Program klinik dibuat"),
    "clinic.programme.update": gettext_lazy("Program klinik diubah"),
    "clinic.expert.register": gettext_lazy("Pakar klinik didaftarkan"),
    "clinic.expert.update": gettext_lazy("Data pakar klinik diubah"),
    "clinic.problem.create": gettext_lazy("Penyakit ditambahkan ke katalog"),
    "clinic.problem.update": gettext_lazy("Penyakit di katalog diubah"),
    "clinic.case.enrol": gettext_lazy("Peserta didaftarkan ke klinik"),
    "clinic.case.request": gettext_lazy("Klinik diminta peserta"),
    "clinic.case.prediagnosis": gettext_lazy("Pra-diagnosis dihitung dari data"),
    "clinic.case.intake": gettext_lazy("Kuesioner masalah diisi"),
    "clinic.case.team": gettext_lazy("Tim diagnosis diatur"),
    "clinic.rating.submit": gettext_lazy("Penilaian pakar dikirim"),
    "clinic.diagnosis.agree": gettext_lazy("Diagnosis disepakati"),
    "clinic.recommendation.add": gettext_lazy("Rekomendasi ditambahkan"),
    "clinic.recommendation.status": gettext_lazy("Status rekomendasi diubah"),
    "clinic.recommendation.attended": gettext_lazy("Rekomendasi selesai karena hadir pelatihan"),
    "clinic.visit.schedule": gettext_lazy("Kunjungan pendampingan dijadwalkan"),
    "clinic.visit.record": gettext_lazy("Hasil kunjungan dicatat"),
    "clinic.visit.attachment": gettext_lazy("Lampiran kunjungan ditambahkan"),
    "clinic.case.close": gettext_lazy("Kasus klinik ditutup"),
    "clinic.reminders.send": gettext_lazy("Pengingat klinik dikirim"),
    "consignment.outlet_create": gettext_lazy("Gerai dibuat"),
    "consignment.space_create": gettext_lazy("Tempat pajang dibuat"),
    "consignment.space_allocate": gettext_lazy("Tempat pajang dialokasikan ke UMKM"),
    "consignment.waiting_add": gettext_lazy("UMKM masuk daftar tunggu tempat pajang"),
    "consignment.agreement_create": gettext_lazy("Perjanjian titip jual dibuat"),
    "consignment.agreement_status": gettext_lazy("Status perjanjian titip jual diubah"),
    "consignment.delivery_receive": gettext_lazy("Barang titipan diterima gerai"),
    "consignment.stock_return": gettext_lazy("Barang titipan dikembalikan ke produsen"),
    "consignment.stock_writeoff": gettext_lazy("Barang titipan dihapus karena kedaluwarsa"),
    "consignment.sale_record": gettext_lazy("Penjualan gerai dicatat"),
    "consignment.statement_make": gettext_lazy("Laporan setoran dibuat"),
    "consignment.statement_correct": gettext_lazy("Laporan setoran koreksi dibuat"),
    "consignment.statement_approve": gettext_lazy("Laporan setoran disetujui gerai"),
    "consignment.statement_pay": gettext_lazy("Pembayaran setoran dicatat"),
    "market.product.create": gettext_lazy("Produk UMKM dibuat"),
    "market.product.update": gettext_lazy("Produk UMKM diubah"),
    "market.product.photo": gettext_lazy("Foto produk diunggah"),
    "market.product.submit": gettext_lazy("Produk diajukan untuk dikurasi"),
    "market.product.publish": gettext_lazy("Produk dikurasi dan ditayangkan"),
    "market.product.return": gettext_lazy("Produk dikembalikan dengan catatan"),
    "market.product.recuration": gettext_lazy("Produk kembali menunggu kurasi"),
    "market.product.legality_state": gettext_lazy("Status izin produk berubah"),
    "market.legality.save": gettext_lazy("Izin produk disimpan"),
    "market.legality.delete": gettext_lazy("Izin produk dihapus"),
    "partnerships.agreement.create": gettext_lazy("Perjanjian kerja sama dibuat"),
    "partnerships.agreement.signed": gettext_lazy("Perjanjian ditandatangani semua pihak"),
    "partnerships.agreement.status": gettext_lazy("Status perjanjian diubah"),
    "partnerships.agreement.terminate": gettext_lazy("Perjanjian diakhiri"),
    "partnerships.party.add": gettext_lazy("Pihak perjanjian ditambahkan"),
    "partnerships.party.remove": gettext_lazy("Pihak perjanjian dihapus"),
    "partnerships.party.sign": gettext_lazy("Pihak menandatangani perjanjian"),
    "partnerships.document.add": gettext_lazy("Dokumen perjanjian diunggah"),
    "partnerships.obligation.add": gettext_lazy("Kewajiban perjanjian ditambahkan"),
    "partnerships.obligation.state": gettext_lazy("Keadaan kewajiban berubah"),
    "partnerships.obligation.flag_overdue": gettext_lazy("Kewajiban ditandai terlambat"),
    "partnerships.progress.add": gettext_lazy("Kemajuan kewajiban dicatat"),
    "partnerships.lending_criteria.set": gettext_lazy("Kriteria pembiayaan bank diatur"),
    "partnerships.match.decide": gettext_lazy("Keputusan atas hasil pencocokan dicatat"),
    "partnerships.referral.send": gettext_lazy("Rujukan dikirim ke mitra"),
    "partnerships.referral.answer": gettext_lazy("Mitra menjawab rujukan"),
    "partnerships.daily": gettext_lazy("Pemeriksaan harian kemitraan dijalankan"),
    "assistance.programme.create": gettext_lazy("Program bantuan warung dibuat"),
    "assistance.package.add": gettext_lazy("Paket bantuan ditambahkan"),
    "assistance.programme.close_applications": gettext_lazy("Pendaftaran bantuan warung ditutup"),
    "assistance.programme.finish": gettext_lazy("Program bantuan warung ditutup"),
    "assistance.application.submit": gettext_lazy("Permohonan bantuan warung diajukan"),
    "assistance.selection.run": gettext_lazy("Seleksi bantuan warung dijalankan"),
    "assistance.selection.override": gettext_lazy("Keputusan panitia atas seleksi dicatat"),
    "assistance.handover.record": gettext_lazy("Serah terima bantuan dicatat"),
    "assistance.handover.confirm": gettext_lazy("Serah terima dikonfirmasi dengan kode"),
    "assistance.visit.record": gettext_lazy("Kunjungan pemantauan dicatat"),
    "assistance.repayment.record": gettext_lazy("Angsuran dana bergulir dicatat"),
    "assistance.grievance.file": gettext_lazy("Pengaduan bantuan warung dicatat"),
    "assistance.grievance.answer": gettext_lazy("Pengaduan bantuan warung dijawab"),
    "assistance.grievance.escalate": gettext_lazy("Pengaduan dinaikkan ke admin dinas"),
    "event.create": gettext_lazy("Kegiatan dibuat"),
    "event.update": gettext_lazy("Kegiatan diubah"),
    "event.cancel": gettext_lazy("Kegiatan dibatalkan"),
    "event.invite": gettext_lazy("Organisasi diundang ke kegiatan"),
    "event.uninvite": gettext_lazy("Undangan kegiatan dicabut"),
    "event.register": gettext_lazy("Peserta kegiatan didaftarkan"),
    "event.unregister": gettext_lazy("Pendaftaran peserta kegiatan dibatalkan"),
    "event.attend": gettext_lazy("Kehadiran peserta kegiatan dicatat"),
    "event.unattend": gettext_lazy("Catatan kehadiran peserta kegiatan dibatalkan"),
    "event.material_add": gettext_lazy("Materi kegiatan diunggah"),
    "event.material_remove": gettext_lazy("Materi kegiatan dihapus"),
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


# --- field kinds -----------------------------------------------------------------------------------
#
# How a stored value reads depends on what it is: an amount of money ("Rp25.000.000"), a region's
# code (its name), an id of a related row (that row's name), a choice (its label), a questionnaire's
# answers (how many changed). A slice names the kinds of its own fields from its AppConfig.ready()
# with `register_field`; the few that are generic stay declared here, by field name. Every place that
# shows a change asks `value_text`/`change_lines`, so a value reads the same everywhere.

MONEY = "money"
DECIMAL = "decimal"
DATE = "date"
CHOICE = "choice"
RELATION = "relation"
ANSWERS = "answers"
REGION_MODEL = "regions.region"

# Generic by name: a key stored by many object types.
MONEY_KEYS = frozenset({"capital", "annual_sales", "amount", "price", "savings_pokok", "savings_wajib",
                        "savings_sukarela"})  # fmt: skip
REGION_KEYS = frozenset({"region", "region_code", "to_region", "from_region"})


@dataclass(frozen=True)
class FieldKind:
    """What a stored value is: `kind` one of the constants above; `labels` turns a choice's stored
    value into its words; `model` names the related model of a relation ("regions.region")."""

    kind: str
    labels: Any = None
    model: str = ""


_FIELD_KINDS: dict[tuple[str, str], FieldKind] = {}
# Model label -> a function from a set of ids to {id: name}: one query for all of a page's ids.
_NAMERS: dict[str, Any] = {}
# Object type -> a function from a stored object name to a readable one.
_SUBJECTS: dict[str, Any] = {}


def register_field(object_type: str, key: str, kind: str, *, labels=None, model: str = "") -> None:
    """Declare the kind of `key` in the events of `object_type` ("*": of every object type)."""
    _FIELD_KINDS[(object_type, key)] = FieldKind(kind=kind, labels=labels, model=model)


def register_names(model_label: str, namer) -> None:
    """How the rows of `model_label` are named in sentences: `namer(ids) -> {id: name}`."""
    _NAMERS[model_label] = namer


def register_subject(object_type: str, wording) -> None:
    """How the stored name of an `object_type` object reads (`wording(object_repr) -> str`)."""
    _SUBJECTS[object_type] = wording


def subject_text(object_type: str, object_repr: str) -> str:
    """An event's object by a readable name."""
    wording = _SUBJECTS.get(object_type)
    return wording(object_repr or "") if wording is not None else (object_repr or "")


def _field(model: type[models.Model] | None, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def field_kind(model: type[models.Model] | None, key: str) -> FieldKind | None:
    """The kind of `key` for `model`: registered, else generic by name, else by the model field."""
    object_type = model._meta.label_lower if model is not None else ""
    registered = _FIELD_KINDS.get((object_type, key)) or _FIELD_KINDS.get(("*", key))
    if registered is not None:
        return registered
    model_field = _field(model, key)
    if key in REGION_KEYS and (model_field is None or not model_field.is_relation):
        return FieldKind(RELATION, model=REGION_MODEL)
    if key in MONEY_KEYS:
        return FieldKind(MONEY)
    if (
        model_field is not None
        and model_field.is_relation
        and model_field.related_model is not None
        and (model_field.many_to_one or model_field.many_to_many or model_field.one_to_one)
    ):
        return FieldKind(RELATION, model=model_field.related_model._meta.label_lower)
    return None


class Names:
    """The names of related rows that a page's events mention, loaded in one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[str, set] = {}
        self.known: dict[str, dict[str, str]] = {}
        # The organisation that names a shared office login, by user id.
        self.organizations: dict[Any, str] = {}

    def want(self, model_label: str, value: Any) -> None:
        for one in value if isinstance(value, list | tuple) else [value]:
            if one not in (None, "", REDACTED) and not isinstance(one, dict | list | bool):
                self.wanted.setdefault(model_label, set()).add(str(one))

    def load(self) -> None:
        for model_label, ids in self.wanted.items():
            missing = ids - set(self.known.get(model_label, {}))
            if missing:
                self.known.setdefault(model_label, {}).update(_load_names(model_label, missing))
        self.wanted = {}

    def name(self, model_label: str, value: Any) -> str | None:
        if str(value) not in self.known.get(model_label, {}):
            self.want(model_label, value)
            self.load()
        return self.known.get(model_label, {}).get(str(value))


def _load_names(model_label: str, ids: set[str]) -> dict[str, str]:
    namer = _NAMERS.get(model_label)
    if namer is not None:
        return {str(k): v for k, v in namer(ids).items()}
    model = model_for(model_label)
    if model is None:
        return {}
    pk = model._meta.pk
    clean = []
    for one in ids:
        try:
            clean.append(pk.to_python(one))
        except (ValidationError, TypeError, ValueError):
            continue  # a value that is no id of this model stays unnamed
    return {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=clean)}


def prepare(events) -> list:
    """The events of a page with the names of the rows they mention loaded at once (one query per
    related model however many events), kept on each event for `event_text`."""
    events = list(events)
    names = Names()
    for event in events:
        for object_type, key, value in _mentions(event):
            kind = field_kind(model_for(object_type), key)
            if kind is not None and kind.kind == RELATION:
                names.want(kind.model, value)
        event._audit_names = names
    names.load()
    return events


def _mentions(event):
    types = [event.object_type, *_ALSO.get(event.object_type, ())]
    for state in (event.before, event.after):
        if isinstance(state, dict):
            for key, value in state.items():
                models_ = [m for m in (model_for(t) for t in types) if m is not None]
                owner = _owner(models_, key)
                yield (owner._meta.label_lower if owner is not None else event.object_type), key, value


# A profile's events carry its organisation's fields as well.
_ALSO = {
    "registry.cooperativeprofile": ("accounts.organization",),
    "registry.businessprofile": ("accounts.organization",),
}


def _answers(value: Any) -> list:
    if isinstance(value, dict):
        return [a for group in value.values() if isinstance(group, list) for a in group]
    return value if isinstance(value, list) else []


def _answers_sentence(label: str, old: Any, new: Any, has_old: bool, has_new: bool) -> str:
    if has_old and has_new:
        before, after = _answers(old), _answers(new)
        width = max(len(before), len(after))
        before += [None] * (width - len(before))
        after += [None] * (width - len(after))
        count = sum(1 for a, b in zip(before, after, strict=True) if a != b)
        return ngettext("%(count)s jawaban kuesioner diubah", "%(count)s jawaban kuesioner diubah", count) % {
            "count": _number(count)
        }
    answers = _answers(new if has_new else old)
    counts = {"yes": _number(sum(1 for a in answers if a is True)), "total": _number(len(answers))}
    if has_new:
        return _("Jawaban kuesioner diisi (%(yes)s ya dari %(total)s)") % counts
    return _("Jawaban kuesioner sebelumnya %(yes)s ya dari %(total)s") % counts


@dataclass(frozen=True)
class EventText:
    """One event in words: a headline (what happened, by whom) and one sentence per changed field.

    When exactly one field changed, the headline is that field's sentence with the actor:
    "Tanggal RAT terakhir diubah dari 03-06-2026 menjadi kosong oleh Staf Dinas Kota Bandung".
    """

    headline: str
    lines: list[str] = field(default_factory=list)
    when: str = ""
    subject: str = ""


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
        names = getattr(event, "_audit_names", None)
        if names is None:
            org = _first_organization(user)
        else:
            if user.pk not in names.organizations:
                names.organizations[user.pk] = _first_organization(user)
            org = names.organizations[user.pk]
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
        # A verbose_name that only repeats the key is a code, unless the slice declared the field
        # (an annual report's "kas" is the word itself).
        declared = (model._meta.label_lower, key) in _FIELD_KINDS
        if model_field is not None and (
            declared or getattr(model_field, "verbose_name", key) not in (key, key.replace("_", " "))
        ):
            return _capfirst(str(model_field.verbose_name))
    if key in EXTRA_LABELS:
        return _capfirst(str(EXTRA_LABELS[key]))
    return ""


def value_text(model: type[models.Model] | None, key: str, value: Any, names: Names | None = None) -> str:
    """A stored value as a person reads it (by the field's kind, see `field_kind`)."""
    if value is None or value == "" or value == [] or value == {}:
        return _("kosong")
    if value == REDACTED:
        return _("data pribadi (tidak dicatat)")
    model_field = _field(model, key)
    kind = field_kind(model, key)
    if kind is not None and kind.kind == CHOICE and kind.labels is not None:
        if isinstance(value, list):
            return ", ".join(str(kind.labels(v)) for v in value)
        return str(kind.labels(value))
    if model_field is not None and getattr(model_field, "choices", None):
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if kind is not None and kind.kind == RELATION:
        names = names or Names()
        values = value if isinstance(value, list) else [value]
        named = [names.name(kind.model, v) for v in values]
        if all(named):
            return ", ".join(named)
    if kind is not None and kind.kind == MONEY:
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return str(value)
        return format_rupiah(amount, decimals=amount != amount.to_integral())
    if kind is not None and kind.kind == DECIMAL:
        return _number(value)
    if (kind is not None and kind.kind == DATE) or isinstance(model_field, models.DateTimeField) or _looks_like_datetime(value):  # fmt: skip
        moment = _parse_datetime(value)
        if moment is not None and not _looks_like_date(value):
            return date_format(timezone.localtime(moment), DATETIME_FORMAT)
    if (kind is not None and kind.kind == DATE) or isinstance(model_field, models.DateField) or _looks_like_date(value):  # fmt: skip
        day = _parse_date(value)
        if day is not None:
            return date_format(day, DATE_FORMAT)
    if _is_amount(model_field, key, value):
        return _number(value)
    if isinstance(value, dict):
        return _("%(count)s isian") % {"count": _number(len(value))}
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):
            return _("%(count)s isian") % {"count": _number(len(value))}
        return ", ".join(value_text(None, "", v) for v in value) or _("kosong")
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


def change_lines(
    object_type: str, before: Any, after: Any, also: tuple[str, ...] = (), names: Names | None = None
) -> list[str]:
    """One sentence per field an event's before/after mention; `also` names models whose fields the
    values may belong to as well (an import's row: the profile and its organisation); `names` holds
    the related rows' names a page loaded at once (`prepare`)."""
    also = tuple(dict.fromkeys([*also, *_ALSO.get(object_type, ())]))
    candidates = [m for m in (model_for(t) for t in (object_type, *also)) if m is not None]
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    if names is None:
        names = Names()
        for key, value in [*before.items(), *after.items()]:
            kind = field_kind(_owner(candidates, key), key)
            if kind is not None and kind.kind == RELATION:
                names.want(kind.model, value)
        names.load()

    lines = []
    for key in dict.fromkeys([*after.keys(), *before.keys()]):
        model = _owner(candidates, key)
        label = field_label(model, key)
        if not label:
            continue
        old, new = before.get(key), after.get(key)
        kind = field_kind(model, key)
        if kind is not None and kind.kind == ANSWERS:
            lines.append(_answers_sentence(label, old, new, key in before, key in after))
        elif old == REDACTED and new == REDACTED:
            lines.append(_("%(field)s diubah (data pribadi tidak dicatat)") % {"field": label})
        elif key in before and key in after:
            lines.append(
                _("%(field)s diubah dari %(old)s menjadi %(new)s")
                % {
                    "field": label,
                    "old": value_text(model, key, old, names),
                    "new": value_text(model, key, new, names),
                }
            )
        elif key in after:
            lines.append(
                _("%(field)s: %(new)s") % {"field": label, "new": value_text(model, key, new, names)}
            )
        else:
            lines.append(
                _("%(field)s sebelumnya %(old)s")
                % {"field": label, "old": value_text(model, key, old, names)}
            )
    return lines


def event_text(event) -> EventText:
    """The event in words (see `EventText`)."""
    who = actor_name(event)
    when = date_format(timezone.localtime(event.created_at), DATETIME_FORMAT) if event.created_at else ""
    if event.action == PERSONAL_DATA_READ:
        return EventText(headline=_("%(what)s oleh %(who)s") % {"what": action_label(event.action), "who": who},
                         lines=[], when=when)  # fmt: skip
    lines = change_lines(
        event.object_type, event.before, event.after, names=getattr(event, "_audit_names", None)
    )
    what = action_label(event.action, event.object_type)
    is_update = isinstance(event.before, dict) and isinstance(event.after, dict) and bool(event.before)
    subject = subject_text(event.object_type, getattr(event, "object_repr", ""))
    if is_update and len(lines) == 1:
        return EventText(headline=_("%(what)s oleh %(who)s") % {"what": lines[0], "who": who}, when=when,
                         subject=subject)  # fmt: skip
    return EventText(headline=_("%(what)s oleh %(who)s") % {"what": what, "who": who}, lines=lines, when=when,
                     subject=subject)  # fmt: skip


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
