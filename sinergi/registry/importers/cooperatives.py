"""Importing cooperative sheets: natural key NIK Koperasi, else the legal-entity (badan hukum) number
together with the name (or the address) in the same regency.

Legal numbers are not unique: old local numbers (`518/13/BH/PERINDAGKOP`) repeat across
cooperatives and years. A row is never matched by its number alone; two cooperatives with one
number and different names and addresses are both imported and queued as possible duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.core.audit import audit_many, jsonable
from sinergi.core.bulk import adapter, insert_rows, reserve_ids
from sinergi.regions.codes import code_within
from sinergi.registry import rules
from sinergi.registry.bulk import insert_organizations
from sinergi.registry.importers.pipeline import ORG_COLUMNS, Importer, Outcome, Row
from sinergi.registry.keys import legal_key, legal_match_key, name_key
from sinergi.registry.matching import Record
from sinergi.registry.models import CooperativeProfile, CooperativeStatus, CooperativeStatusChange
from sinergi.registry.tallies import TallyChange

ORG_FIELDS = ("name", "address", "phone", "email")
PROFILE_FIELDS = (
    "nik_koperasi",
    "legal_number",
    "legal_date",
    "cooperative_type",
    "group",
    "form",
    "members_male",
    "members_female",
    "members_unspecified",
    "last_rat_date",
    "status",
)
# At most this many registered cooperatives sharing a legal number are paired with a new row.
LEGAL_PEERS = 20


@dataclass
class Plan:
    creates: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, dict, dict]] = field(default_factory=list)


class CooperativeImporter(Importer):
    tables = ("accounts_organization", "registry_cooperativeprofile")
    kind = "cooperative"

    def prepare(self) -> None:
        """Names per kecamatan and legal numbers per regency of the registered cooperatives: the
        exact duplicate signals."""
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_legal: dict[tuple[str, str], list[int]] = {}
        rows = CooperativeProfile.objects.filter(organization__merged_into__isnull=True).values_list(
            "organization_id", "district_code", "regency_code", "organization__name", "legal_key"
        )
        for pk, district, regency, name, legal in rows.iterator(chunk_size=20000):
            self.by_name.setdefault((district, name_key(name)), pk)
            if legal:
                self.by_legal.setdefault((regency, legal), []).append(pk)

    def _duplicate_signal(self, row: Row) -> None:
        """A new cooperative with the name of another in the same kecamatan, or with the legal number
        of another in the same regency, may be the same one."""
        ref = -row.line
        key = (row.region_code[:8], name_key(row.values["name"]))
        other = self.by_name.setdefault(key, ref)
        self.new_records.setdefault(ref, row)
        if other != ref:
            self.note_signal(row, other, "name")
        legal = legal_key(row.values.get("legal_number", ""))
        if legal:
            peers = self.by_legal.setdefault((row.region_code[:5], legal), [])
            for peer in peers[:LEGAL_PEERS]:
                if peer != other:
                    self.note_signal(row, peer, "legal")
            peers.append(ref)

    def check_row(self, row: Row) -> None:
        values = row.values
        if not values.get("nik_koperasi") and not values.get("legal_number"):
            row.reject(
                "Isi NIK Koperasi atau Nomor Badan Hukum agar koperasi dapat dikenali saat impor ulang",
                "Give the NIK Koperasi or the legal-entity number so the cooperative can be matched on re-import",
            )
        # The services' rules: plausible member counts, a last RAT that has happened, after the legal
        # date the row gives. Against the stored dates once the row is matched (`_check_dates`).
        self.check_values(row, ("members_male", "members_female", "members_total", "last_rat_date"))

    @staticmethod
    def _split_members(row: Row, stored: dict | None) -> None:
        """The members whose sex is not recorded, from "Jumlah Anggota" (the total; the ministry's ODS
        gives only this) less the men and women the row gives, or the record has.

        Without a total the row says nothing about them: a registered cooperative keeps its count
        (a sheet of men and women only would otherwise wipe it), a new one starts at 0."""
        values = row.values
        total = values.pop("members_total", None)
        if total is None:
            return
        given = sum(
            values[key] if key in values else (stored[key] if stored else 0)
            for key in ("members_male", "members_female")
        )
        if total < given:
            row.warn(
                f"Jumlah Anggota: {total} lebih kecil dari jumlah anggota laki-laki dan perempuan (diabaikan)",
                f"Jumlah Anggota: {total} is smaller than the male and female members together (ignored)",
            )
            return
        values["members_unspecified"] = total - given

    def _check_dates(self, row: Row, existing: dict) -> None:
        """The row's legal and RAT dates against the stored ones, as the services judge them.

        Only the latest RAT is kept (`rules.rat_record_problem`, as `services.cooperative_record_rat`
        keeps it): an earlier one in the sheet leaves the stored one. A RAT before the legal date (`rules.changed_codes`, the services' own
        check of a write) is not applied: the RAT date when the row changes it, else the legal date
        that the row moves past the stored RAT."""
        values = row.values
        stored = {"legal_date": existing["legal_date"], "last_rat_date": existing["last_rat_date"]}
        rat, last = values.get("last_rat_date"), stored["last_rat_date"]
        if rat is not None and rules.rat_record_problem(rat, recorded=last):
            del values["last_rat_date"]
            row.not_applied(*self.rule_reason("last_rat_date", rules.RAT_NOT_LATEST, last))
        while True:
            dates = {key: values[key] for key in stored if key in values}
            problem = rules.changed_codes(dates, stored=stored, today=self.today).get("last_rat_date")
            if problem is None:
                return
            code, value = problem
            moved = "last_rat_date" in dates and dates["last_rat_date"] != stored["last_rat_date"]
            key = "last_rat_date" if moved else "legal_date"
            del values[key]
            row.not_applied(*self.rule_reason(key, code, value))

    def match_and_classify(self, rows: list[Row]) -> Plan:
        plan = Plan()
        keyed = []
        for row in rows:
            nik = row.values.get("nik_koperasi", "")
            legal = legal_key(row.values.get("legal_number", ""))
            # A legal number identifies a cooperative only together with its name and regency.
            legal_id = ("legal", row.region_code[:5], legal, name_key(row.values["name"]))
            if self.seen(row, ("nik", nik) if nik else legal_id):
                continue
            if nik and legal and self.seen(row, legal_id):
                continue
            keyed.append((row, nik, legal))
        fields = [
            "organization_id",
            "organization__name",
            "organization__address",
            "organization__phone",
            "organization__email",
            "organization__region_id",
            "regency_code",
            "legal_key",
            *PROFILE_FIELDS,
        ]
        by_nik: dict[str, dict] = {}
        by_legal: dict[str, list[dict]] = {}
        niks = [nik for _r, nik, _l in keyed if nik]
        legal_numbers = sorted({legal for _row, _n, legal in keyed if legal})
        qs = CooperativeProfile.objects.filter(organization__merged_into__isnull=True)
        for start in range(0, len(niks), 2000):
            for item in qs.filter(nik_koperasi__in=niks[start : start + 2000]).values(*fields):
                by_nik[item["nik_koperasi"]] = item
        for start in range(0, len(legal_numbers), 2000):
            found = qs.filter(legal_key__in=legal_numbers[start : start + 2000]).order_by("organization_id")
            for item in found.values(*fields):
                by_legal.setdefault(item["legal_key"], []).append(item)
        for row, nik, legal in keyed:
            a = by_nik.get(nik) if nik else None
            b = _same_cooperative(row, by_legal.get(legal, ())) if legal else None
            if a and b and a["organization_id"] != b["organization_id"]:
                row.reject(
                    "NIK Koperasi dan Nomor Badan Hukum menunjuk dua koperasi berbeda di registri",
                    "The NIK Koperasi and the legal-entity number point to two different cooperatives",
                )
                continue
            if b and nik and b["nik_koperasi"] and b["nik_koperasi"] != nik:
                row.reject(
                    f"Nomor Badan Hukum dan nama ini milik koperasi dengan NIK {b['nik_koperasi']}",
                    f"This legal-entity number and name belong to the cooperative with NIK {b['nik_koperasi']}",
                )
                continue
            existing = a or b
            if existing is None:
                self._split_members(row, None)
                plan.creates.append(row)
                self.report.add(Outcome(row.line, "created", row.values["name"]))
                self._duplicate_signal(row)
                continue
            if not self.reach.manages_region(existing["organization__region_id"]):
                row.reject(
                    "Koperasi ini terdaftar di wilayah lain di luar wilayah kerja Anda",
                    "This cooperative is registered in another region outside your jurisdiction",
                )
                continue
            row.matched = True
            self._split_members(row, existing)
            self._check_dates(row, existing)
            if (
                row.values.get("status") == CooperativeStatus.BELUM_DIKETAHUI
                and existing["status"] != CooperativeStatus.BELUM_DIKETAHUI
            ):
                # "Belum diketahui" says the sheet knows nothing of it: the known status stays.
                del row.values["status"]
            changes = {}
            for name in ORG_FIELDS:
                if name in row.values and row.values[name] != existing[f"organization__{name}"]:
                    changes[name] = (existing[f"organization__{name}"], row.values[name])
            stored_region = existing["organization__region_id"]
            if row.region_code != stored_region:
                if code_within(stored_region, row.region_code):
                    # The sheet names the kecamatan (or the village) the record already lies in:
                    # the same place said less precisely, not a move.
                    row.region_code = stored_region
                else:
                    changes["region"] = (stored_region, row.region_code)
            for name in PROFILE_FIELDS:
                if name in row.values and row.values[name] != existing[name]:
                    if name == "legal_number" and legal == existing["legal_key"]:
                        continue  # the same number, spaced differently
                    changes[name] = (existing[name], row.values[name])
            if "status" in changes:
                # The service's own transition rule: a dissolved cooperative is not revived by a sheet.
                code = rules.status_transition_problem(existing["status"], row.values["status"])
                if code:
                    row.reject(*self.rule_reason("status", code, row.values["status"]))
                    continue
            if changes:
                plan.updates.append((row, existing, changes))
                self.report.add(Outcome(row.line, "updated", row.values["name"], jsonable(changes)))
            else:
                self.report.add(Outcome(row.line, "unchanged", row.values["name"]))
        return plan

    def match_record(self, row: Row, pk: int) -> Record:
        """The row as the duplicate scan would see it once stored."""
        parts = row.region_code.split(".")
        return Record(
            id=pk,
            name_key=name_key(row.values["name"]),
            district=".".join(parts[:3]),
            regency=".".join(parts[:2]),
            address=row.values.get("address", ""),
            phone=row.values.get("phone", ""),
            number=row.values.get("nik_koperasi", ""),
            legal=legal_match_key(row.values.get("legal_number", "")),
            legal_date=row.values["legal_date"].isoformat() if row.values.get("legal_date") else "",
        )

    def write(self, plan: Plan) -> None:
        # The batch's tally deltas, read around the whole write and applied once.
        tally = TallyChange().watch(
            cooperatives=[existing["organization_id"] for _row, existing, _c in plan.updates]
        )
        first_new = len(self.report.created_ids)
        self._create(plan.creates)
        self._update(plan.updates)
        tally.created(cooperatives=self.report.created_ids[first_new:]).apply()

    def _create(self, rows: list[Row]) -> None:
        if not rows:
            return
        now = timezone.now()
        ids = reserve_ids(Organization, len(rows))
        stamp = adapter(Organization, "created_at")(now)
        day = adapter(CooperativeProfile, "legal_date")
        org_rows, profile_rows, history = [], [], []
        for pk, row in zip(ids, rows, strict=True):
            v = row.values
            code = row.region_code
            parts = code.split(".")
            # A sheet without a status says nothing about activity: "belum diketahui", not "aktif".
            status = v.get("status", CooperativeStatus.BELUM_DIKETAHUI)
            self.new_ids[-row.line] = pk
            org_rows.append(
                (
                    pk,
                    stamp,
                    stamp,
                    OrganizationKind.COOPERATIVE,
                    v["name"],
                    code,
                    v.get("address", ""),
                    v.get("phone", ""),
                    v.get("email", ""),
                    True,
                )
            )
            profile_rows.append(
                (
                    pk, stamp, stamp, code, ".".join(parts[:3]), ".".join(parts[:2]), v.get("nik_koperasi", ""),
                    v.get("legal_number", ""), legal_key(v.get("legal_number", "")), day(v.get("legal_date")), "", None,
                    v.get("cooperative_type", ""),
                    v.get("group", ""), v.get("form", "primer"), "", None, 12, v.get("members_male", 0),
                    v.get("members_female", 0), v.get("members_unspecified", 0), status, day(v.get("last_rat_date")),
                    False,
                )
            )  # fmt: skip
            history.append(
                CooperativeStatusChange(
                    cooperative_id=pk,
                    from_status="",
                    to_status=status,
                    effective_on=self.today,
                    reason=_("Diimpor dari lembar kerja"),
                    actor=self.actor if getattr(self.actor, "pk", None) else None,
                )
            )
        insert_organizations(ORG_COLUMNS, org_rows)
        insert_rows(
            CooperativeProfile,
            (
                "organization_id", "created_at", "updated_at", "region_code", "district_code", "regency_code",
                "nik_koperasi", "legal_number", "legal_key", "legal_date", "amendment_number", "amendment_date",
                "cooperative_type", "group", "form", "kbli", "founded_on", "fiscal_year_end_month", "members_male",
                "members_female", "members_unspecified", "status", "last_rat_date", "is_flagship",
            ),
            profile_rows,
        )  # fmt: skip
        CooperativeStatusChange.objects.bulk_create(history)
        self.report.created_ids.extend(ids)

    def _update(self, updates) -> None:
        if not updates:
            return
        ids = [existing["organization_id"] for _row, existing, _c in updates]
        orgs = Organization.objects.in_bulk(ids)
        profiles = CooperativeProfile.objects.in_bulk(ids)
        events, history = [], []
        now = timezone.now()
        actor = self.actor if getattr(self.actor, "pk", None) else None
        for row, existing, changes in updates:
            pk = existing["organization_id"]
            org, profile = orgs[pk], profiles[pk]
            for name in ORG_FIELDS:
                if name in changes:
                    setattr(org, name, row.values[name])
            if "region" in changes:
                org.region_id = row.region_code
                profile.copy_region(row.region_code)
            for name in PROFILE_FIELDS:
                if name in changes:
                    setattr(profile, name, row.values[name])
            profile.legal_key = legal_key(profile.legal_number)
            if "status" in changes:
                history.append(
                    CooperativeStatusChange(
                        cooperative_id=pk,
                        from_status=changes["status"][0],
                        to_status=changes["status"][1],
                        effective_on=self.today,
                        reason=_("Diperbarui dari lembar kerja"),
                        actor=actor,
                    )
                )
            org.updated_at = profile.updated_at = now
            events.append(
                (
                    pk,
                    org.name,
                    org.region_id,
                    pk,
                    {k: old for k, (old, _new) in changes.items()},
                    {k: new for k, (_old, new) in changes.items()},
                )
            )
        Organization.objects.bulk_update(list(orgs.values()), [*ORG_FIELDS, "region", "updated_at"])
        CooperativeProfile.objects.bulk_update(
            list(profiles.values()),
            [*PROFILE_FIELDS, "region_code", "district_code", "regency_code", "updated_at"],
        )
        CooperativeStatusChange.objects.bulk_create(history)
        # Through core.audit, which keeps phones, e-mail and addresses out of the trail.
        audit_many(
            actor=self.actor,
            action="cooperative.import_update",
            object_type="registry.cooperativeprofile",
            events=events,
        )


def _same_cooperative(row: Row, registered) -> dict | None:
    """Of the cooperatives registered with the row's legal number, the one it names: in the same
    regency, with the same name, else at the same address. None when the number is all they share."""
    regency = row.region_code[:5]
    here = [item for item in registered if item["regency_code"] == regency]
    wanted = name_key(row.values["name"])
    for item in here:
        if name_key(item["organization__name"]) == wanted:
            return item
    address = name_key(row.values.get("address", ""))
    if address:
        for item in here:
            if name_key(item["organization__address"]) == address:
                return item
    return None
