"""Importing UMKM sheets: natural key NIB, else the normalised name within the place.

The natural-key indexes (NIB → business, village + name → business) and the exact duplicate
signals (the owner's NIK, the phone number) are read once per import with plain SQL, so a chunk
of fifty thousand rows is matched with dictionary look-ups instead of queries.

Matching by name (`_namesakes`): a row is matched to the business of its name in its own place;
a row that names only the kecamatan, to the one business of that name inside it; a row that names
a village, to the one of that name registered at its kecamatan (the row then places it more
precisely). Where several businesses of that name share the place, the row cannot tell which one
it is: it is imported as a new business and paired with each of them as a possible duplicate.

A row without NIB is never matched by name to a business that has an NIB. Names repeat inside one
village (two "Toko Kelontong Cibogor" in Cibogor, each with its own NIB and owner), and a row
without the number gives nothing to tell them apart: matched wrongly, it would write one owner's
NIK, phone and money over another's record, without anyone noticing. So the row is imported as a
new business and always paired with that business as a possible duplicate, for an officer to merge
in one step; a re-import then matches the new record by name, so nothing is created twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.core.audit import audit_many, jsonable
from sinergi.core.bulk import adapter, insert_rows, reserve_ids, update_rows
from sinergi.regions.codes import code_within
from sinergi.regions.models import Region
from sinergi.registry.bulk import insert_organizations
from sinergi.registry.importers.pipeline import ORG_COLUMNS, Importer, Outcome, Row
from sinergi.registry.keys import name_key
from sinergi.registry.matching import Record
from sinergi.registry.models import BusinessProfile
from sinergi.registry.scale import business_scale
from sinergi.registry.tallies import BUSINESSES, TallyChange

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
PROFILE_COLUMNS = (
    "organization_id", "created_at", "updated_at", "region_code", "district_code", "regency_code", "owner_name",
    "owner_nik", "owner_gender", "nib", "kbli", "capital", "annual_sales", "employees", "founded_on", "status",
    "scale", "scale_override", "scale_override_reason", "name_key",
)  # fmt: skip


# At most this many registered businesses of one name in one place are paired with a new row.
NAMESAKES = 20


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
        # Every business of a (place, name) that more than one shares; `by_name` holds one of them.
        self.shared_names: dict[tuple[str, str], list[int]] = {}
        self._villages: dict[str, list[str]] = {}
        # Rows of the chunk created with an NIB, by (place, name): a later row without one is paired
        # with them as it would be with the stored business (once written, `by_name` has them).
        self._created_with_nib: dict[tuple[str, str], list[Row]] = {}
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
        if current is None:
            self.by_name[key] = pk
            return
        self.shared_names.setdefault(key, [current]).append(pk)
        if self.nib_of.get(current) and not nib:
            self.by_name[key] = pk

    def _named(self, key: tuple[str, str]) -> list[int]:
        """Every business indexed under (place, name)."""
        if key in self.shared_names:
            return self.shared_names[key]
        pk = self.by_name.get(key)
        return [] if pk is None else [pk]

    def _places_around(self, code: str) -> list[str]:
        """The other places a business of the row's place may be registered at: for a village, its
        kecamatan; for a kecamatan, its villages."""
        if code.count(".") == 3:
            return [code[:8]]
        if code not in self._villages:
            self._villages[code] = list(
                Region.objects.filter(parent_id=code).order_by("code").values_list("code", flat=True)
            )
        return self._villages[code]

    def _namesakes(self, row: Row, nkey: str) -> tuple[int | None, list[int]]:
        """The registered business the row names by its name, or the businesses it may be.

        Returns (match, others): `match` is the business the row updates (None: a new one), `others`
        the businesses of that name in the row's place that the row is paired with as possible
        duplicates (ids, or -line for a row of this file created with an NIB).
        """
        nib = row.values.get("nib", "")
        places = self._places_around(row.region_code)
        exact = self.by_name.get((row.region_code, nkey))
        if exact is not None:
            if self.nib_of.get(exact, nib) == nib:
                return exact, []
            # `by_name` keeps one with an NIB only when all of them have one: none is matched.
            candidates = list(self._named((row.region_code, nkey)))
        else:
            candidates = [pk for code in places for pk in self._named((code, nkey))]
            if len(candidates) == 1 and self.nib_of.get(candidates[0], nib) == nib:
                return candidates[0], []
        if nib:
            # Another NIB is another legal entity; a namesake without one may be this business.
            return None, [pk for pk in candidates if not self.nib_of.get(pk)]
        for code in (row.region_code, *places):
            for created in self._created_with_nib.get((code, nkey), ()):
                self.new_records.setdefault(-created.line, created)
                candidates.append(-created.line)
        return None, candidates

    def check_row(self, row: Row) -> None:
        # The services' rule: a plausible number of workers.
        self.check_values(row, ("employees",))

    def match_and_classify(self, rows: list[Row]) -> Plan:
        plan = Plan()
        self._created_with_nib = {}
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
            others: list[int] = []
            if pk is None:
                # A business registered earlier without NIB (or with this one) is the same business.
                pk, others = self._namesakes(row, nkey)
            if pk is None and any(
                self.seen_before(row, ("name", code, nkey)) for code in self._places_around(row.region_code)
            ):
                continue  # an earlier row of the file, in the kecamatan or a village of it, is this one
            if pk is None:
                plan.creates.append(row)
                self.report.add(Outcome(row.line, "created", values["name"]))
                for other in others[:NAMESAKES]:
                    self.note_signal(row, other, "namesake")
                if nib:
                    self._created_with_nib.setdefault((row.region_code, nkey), []).append(row)
                continue
            if self.seen(row, ("business", pk)):
                continue  # two rows of the file name one business: the later one would overwrite it
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
            row.matched = True
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
        stored_region = existing["organization__region_id"]
        if row.region_code != stored_region:
            if code_within(stored_region, row.region_code):
                # The sheet names the kecamatan the business already lies in (a village of it): the
                # same place said less precisely, not a move.
                row.region_code = stored_region
            else:
                changes["region"] = (stored_region, row.region_code)
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
        # The batch's tally deltas, read around the whole write and applied once.
        tally = TallyChange().watch(
            businesses=[existing["organization_id"] for _row, existing, _c in plan.updates]
        )
        self._create(plan.creates, tally)
        self._update(plan.updates, tally)
        tally.apply()

    def _create(self, rows: list[Row], tally: TallyChange) -> None:
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
        tally.inserted(
            BUSINESSES,
            (
                (r[3], r[15], r[16], "", r[10], r[8], r[13], v.get("annual_sales"), v.get("capital"), None)
                for r, v in zip(profile_rows, (row.values for row in rows), strict=True)
            ),
        )
        self.report.created_ids.extend(ids)

    def _update(self, updates: list[tuple[Row, dict, dict]], tally: TallyChange) -> None:
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
            tally.updated(
                BUSINESSES, pk, region_code=code, status=new["status"], scale=scale, kbli=new["kbli"],
                owner_gender=new["owner_gender"], employees=new["employees"], annual_sales=new["annual_sales"],
                capital=new["capital"],
            )  # fmt: skip
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
