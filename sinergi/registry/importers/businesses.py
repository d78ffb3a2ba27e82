"""Importing UMKM sheets: natural key NIB, else the normalised name within the village.

The natural-key indexes (NIB → business, village + name → business) and the exact duplicate
signals (the owner's NIK, the phone number) are read once per import with plain SQL, so a chunk
of fifty thousand rows is matched with dictionary look-ups instead of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.core.audit import audit_many, jsonable
from sinergi.core.bulk import adapter, insert_rows, reserve_ids, update_rows
from sinergi.registry.bulk import insert_organizations
from sinergi.registry.importers.pipeline import Importer, Outcome, Row
from sinergi.registry.keys import name_key
from sinergi.registry.matching import Record
from sinergi.registry.models import BusinessProfile
from sinergi.registry.scale import business_scale

ORG_FIELDS = ("name", "address", "phone", "email")
PROFILE_FIELDS = (
    "owner_name",
    "owner_nik",
    "owner_gender",
    "nib",
    "kbli",
    "capital",
    "annual_sales",
    "employees",
    "founded_on",
    "status",
)
ORG_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "kind",
    "name",
    "region_id",
    "address",
    "phone",
    "email",
    "is_active",
)
PROFILE_COLUMNS = (
    "organization_id", "created_at", "updated_at", "region_code", "district_code", "regency_code", "owner_name",
    "owner_nik", "owner_gender", "nib", "kbli", "capital", "annual_sales", "employees", "founded_on", "status",
    "scale", "scale_override", "scale_override_reason", "name_key",
)  # fmt: skip


@dataclass
class Plan:
    creates: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, dict, dict]] = field(default_factory=list)


class BusinessImporter(Importer):
    tables = ("accounts_organization", "registry_businessprofile")
    kind = "umkm"

    def prepare(self) -> None:
        """Read the natural keys and duplicate signals of the businesses already registered."""
        self.by_nib: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_nik: dict[str, int] = {}
        self.scope_of: dict[int, str] = {}
        self.nib_of: dict[int, str] = {}
        sql = (
            "SELECT bp.organization_id, bp.nib, bp.region_code, bp.name_key, bp.owner_nik, o.phone "
            "FROM registry_businessprofile bp JOIN accounts_organization o ON o.id = bp.organization_id "
            "WHERE o.merged_into_id IS NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            while batch := cursor.fetchmany(50_000):
                for pk, nib, region, nkey, nik, phone in batch:
                    if nib:
                        self.by_nib[nib] = pk
                        self.nib_of[pk] = nib
                    self._index_name((region, nkey), pk, nib)
                    self.scope_of[pk] = region
                    if phone:
                        self.by_phone.setdefault(phone, pk)
                    if nik:
                        self.by_nik.setdefault(nik, pk)

    def _index_name(self, key: tuple[str, str], pk: int, nib: str) -> None:
        """Village + name → business. Where several share it, the one without NIB: only it can be
        matched by name (a business with an NIB is matched by its NIB)."""
        current = self.by_name.get(key)
        if current is None or (self.nib_of.get(current) and not nib):
            self.by_name[key] = pk

    def check_row(self, row: Row) -> None:
        # The services' rule: a plausible number of workers.
        self.check_values(row, ("employees",))

    def match_and_classify(self, rows: list[Row]) -> Plan:
        plan = Plan()
        matched: list[tuple[Row, int]] = []
        for row in rows:
            values = row.values
            nkey = values["name_key"] = name_key(values["name"])
            nib = values.get("nib", "")
            if self.seen(row, ("nib", nib) if nib else ("name", row.region_code, nkey)):
                continue
            if nib and self.seen_before(row, ("name", row.region_code, nkey)):
                # An earlier row of the file without NIB, same name and village, is this business (as
                # it would be once stored), wherever the chunks happen to split the file.
                continue
            pk = self.by_nib.get(nib) if nib else None
            if pk is None:
                # A business registered earlier without NIB (or with this one) is the same business.
                candidate = self.by_name.get((row.region_code, nkey))
                if candidate is not None and self.nib_of.get(candidate, nib) == nib:
                    pk = candidate
            if pk is None:
                plan.creates.append(row)
                self.report.add(Outcome(row.line, "created", values["name"]))
                continue
            if not self.reach.manages_region(self.scope_of.get(pk, "")):
                row.reject(
                    "Usaha ini sudah terdaftar di wilayah lain di luar wilayah kerja Anda",
                    "This business is registered in another region outside your jurisdiction",
                )
                continue
            if nib and not self.nib_of.get(pk):
                # The row gives the registered business its NIB: later rows of the file see it, so a
                # row with another NIB and the same name is another business, as on a re-import.
                self.nib_of[pk] = nib
                self.by_nib[nib] = pk
            matched.append((row, pk))
        if matched:
            current = self._current([pk for _row, pk in matched])
            for row, pk in matched:
                existing = current[pk]
                changes = self._changes(row, existing)
                if changes:
                    plan.updates.append((row, existing, changes))
                    self.report.add(Outcome(row.line, "updated", row.values["name"], jsonable(changes)))
                else:
                    self.report.add(Outcome(row.line, "unchanged", row.values["name"]))
        self._duplicate_signals(plan.creates)
        return plan

    def _current(self, pks: list[int]) -> dict[int, dict]:
        fields = [
            "organization_id",
            "organization__name",
            "organization__address",
            "organization__phone",
            "organization__email",
            "organization__region_id",
            *PROFILE_FIELDS,
        ]
        found: dict[int, dict] = {}
        for start in range(0, len(pks), 5000):
            for item in BusinessProfile.objects.filter(organization_id__in=pks[start : start + 5000]).values(
                *fields
            ):
                found[item["organization_id"]] = item
        return found

    def _changes(self, row: Row, existing: dict) -> dict:
        """Fields the row sets to another value. Empty cells and masked values change nothing."""
        changes: dict[str, tuple] = {}
        values = row.values
        for name in ORG_FIELDS:
            if name in values and values[name] != existing[f"organization__{name}"]:
                changes[name] = (existing[f"organization__{name}"], values[name])
        if row.region_code != existing["organization__region_id"]:
            changes["region"] = (existing["organization__region_id"], row.region_code)
        for name in PROFILE_FIELDS:
            if name in values and values[name] != existing[name]:
                changes[name] = (existing[name], values[name])
        return changes

    def _duplicate_signals(self, creates: list[Row]) -> None:
        """New rows sharing an owner NIK or a phone number with another record: possible duplicates.

        Exact signals only, at import speed; the scan compares names fuzzily across the registry.
        """
        for row in creates:
            values = row.values
            ref = -row.line
            for index, signal in ((self.by_nik, "owner_nik"), (self.by_phone, "phone")):
                key = values.get(signal if signal == "phone" else "owner_nik")
                if not key:
                    continue
                other = index.setdefault(key, ref)
                if other == ref:
                    # The first holder of this NIK or phone: keep its row in case another row meets it.
                    self.new_records.setdefault(ref, row)
                else:
                    self.note_signal(row, other, signal)
                    break

    def match_record(self, row: Row, pk: int) -> Record:
        v = row.values
        parts = row.region_code.split(".")
        return Record(
            id=pk,
            name_key=v["name_key"],
            district=".".join(parts[:3]),
            regency=".".join(parts[:2]),
            owner=v.get("owner_name", ""),
            address=v.get("address", ""),
            phone=v.get("phone", ""),
            nik=v.get("owner_nik", ""),
            number=v.get("nib", ""),
        )

    def write(self, plan: Plan) -> None:
        self._create(plan.creates)
        self._update(plan.updates)

    def _create(self, rows: list[Row]) -> None:
        if not rows:
            return
        now = timezone.now()
        ids = reserve_ids(Organization, len(rows))
        stamp = adapter(Organization, "created_at")(now)
        money = adapter(BusinessProfile, "capital")
        day = adapter(BusinessProfile, "founded_on")
        org_rows = []
        profile_rows = []
        kind = OrganizationKind.UMKM
        for pk, row in zip(ids, rows, strict=True):
            v = row.values
            code = row.region_code
            district, regency = code[:8], code[:5]
            self.new_ids[-row.line] = pk
            self._index_name((code, v["name_key"]), pk, v.get("nib", ""))
            self.scope_of[pk] = code
            if v.get("nib"):
                self.by_nib[v["nib"]] = pk
                self.nib_of[pk] = v["nib"]
            capital, sales = v.get("capital"), v.get("annual_sales")
            org_rows.append(
                (
                    pk,
                    stamp,
                    stamp,
                    kind,
                    v["name"],
                    code,
                    v.get("address", ""),
                    v.get("phone", ""),
                    v.get("email", ""),
                    True,
                )  # fmt: skip
            )
            profile_rows.append(
                (
                    pk, stamp, stamp, code, district, regency, v.get("owner_name", ""), v.get("owner_nik", ""),
                    v.get("owner_gender", ""), v.get("nib", ""), v.get("kbli", ""), money(capital), money(sales),
                    v.get("employees"), day(v.get("founded_on")), v.get("status", "aktif"),
                    business_scale(capital=capital, annual_sales=sales) or "", "", "", v["name_key"],
                )
            )  # fmt: skip
        insert_organizations(ORG_COLUMNS, org_rows)
        insert_rows(BusinessProfile, PROFILE_COLUMNS, profile_rows)
        self.report.created_ids.extend(ids)

    def _update(self, updates: list[tuple[Row, dict, dict]]) -> None:
        """Write each matched row's changes with plain statements over the values read by `_current`.

        Organisations whose name changes are updated apart from the others: on SQLite an update
        that sets the name re-indexes it for search, which the rest do not need.
        """
        if not updates:
            return
        stamp = adapter(Organization, "updated_at")(timezone.now())
        money = adapter(BusinessProfile, "capital")
        day = adapter(BusinessProfile, "founded_on")
        renamed, other_orgs, profiles, events = [], [], [], []
        for row, existing, changes in updates:
            pk = existing["organization_id"]
            values = row.values
            org = {
                name: values[name] if name in changes else existing[f"organization__{name}"]
                for name in ORG_FIELDS
            }
            code = row.region_code
            org_values = (org["name"], org["address"], org["phone"], org["email"], code, stamp, pk)
            (renamed if "name" in changes else other_orgs).append(org_values)
            new = {name: values[name] if name in changes else existing[name] for name in PROFILE_FIELDS}
            scale = business_scale(capital=new["capital"], annual_sales=new["annual_sales"]) or ""
            profiles.append(
                (
                    new["owner_name"], new["owner_nik"], new["owner_gender"], new["nib"], new["kbli"],
                    money(new["capital"]), money(new["annual_sales"]), new["employees"], day(new["founded_on"]),
                    new["status"], scale, values["name_key"], code, code[:8], code[:5], stamp, pk,
                )
            )  # fmt: skip
            events.append(
                (
                    pk,
                    org["name"],
                    code,
                    pk,
                    {k: old for k, (old, _new) in changes.items()},
                    {k: new for k, (_old, new) in changes.items()},
                )
            )
        update_rows(Organization, ("name", "address", "phone", "email", "region_id", "updated_at"), renamed)
        update_rows(
            Organization,
            ("address", "phone", "email", "region_id", "updated_at"),
            [r[1:] for r in other_orgs],
        )
        update_rows(
            BusinessProfile,
            (
                *PROFILE_FIELDS, "scale", "name_key", "region_code", "district_code", "regency_code", "updated_at",
            ),
            profiles,
        )  # fmt: skip
        audit_many(
            actor=self.actor,
            action="business.import_update",
            object_type="registry.businessprofile",
            events=events,
        )
