"""Importing member lists (daftar anggota): natural key = cooperative (by NIK Koperasi) + member number."""

from __future__ import annotations

from django.utils import timezone

from sinergi.accounts.models import OrganizationKind
from sinergi.core.audit import audit_many, jsonable
from sinergi.regions.codes import code_within
from sinergi.registry.importers.pipeline import Importer, Outcome, Row
from sinergi.registry.models import CooperativeProfile, Member

FIELDS = ("name", "nik", "gender", "joined_on", "savings_pokok", "savings_wajib", "savings_sukarela")


class MemberImporter(Importer):
    tables = ("registry_member",)
    kind = "member"
    needs_region = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cooperatives: dict[str, tuple[int, str] | None] = {}
        self._regions: dict[int, str] = {}

    def _cooperative(self, nik: str):
        if nik not in self._cooperatives:
            item = (
                CooperativeProfile.objects.filter(
                    nik_koperasi=nik,
                    organization__kind=OrganizationKind.COOPERATIVE,
                    organization__merged_into=None,
                )
                .values_list("organization_id", "region_code")
                .first()
            )
            self._cooperatives[nik] = item
            if item:
                self._regions[item[0]] = item[1]
        return self._cooperatives[nik]

    def _may_write(self, cooperative_id: int, region_code: str) -> bool:
        if self.reach.manages_region(region_code):
            return not self.scope_code or code_within(region_code, self.scope_code)
        return self.reach.operates_cooperative(cooperative_id)

    def check_row(self, row: Row) -> None:
        nik = row.values.get("nik_koperasi")
        if not nik:
            return  # refused already: the column is required
        found = self._cooperative(nik)
        if found is None:
            row.reject(f"Koperasi dengan NIK {nik} tidak ada di registri", f"No cooperative with NIK {nik}")
            return
        if not self._may_write(*found):
            row.reject(
                f"Koperasi dengan NIK {nik} di luar wilayah kerja Anda",
                f"The cooperative with NIK {nik} is outside your reach",
            )
            return
        row.values["cooperative_id"] = found[0]
        self.check_values(row, ("joined_on",))

    def match_and_classify(self, rows: list[Row]):
        keyed = []
        for row in rows:
            key = (row.values["cooperative_id"], row.values["member_number"])
            if not self.seen(row, key):
                keyed.append((row, key))
        by_coop: dict[int, list[str]] = {}
        for _row, (coop, number) in keyed:
            by_coop.setdefault(coop, []).append(number)
        existing = {}
        for coop, numbers in by_coop.items():
            for start in range(0, len(numbers), 2000):
                for item in Member.objects.filter(
                    cooperative_id=coop, member_number__in=numbers[start : start + 2000]
                ).values("pk", "cooperative_id", "member_number", *FIELDS):
                    existing[(item["cooperative_id"], item["member_number"])] = item
        creates, updates = [], []
        for row, key in keyed:
            current = existing.get(key)
            label = f"{row.values['member_number']} {row.values['name']}"
            if current is None:
                creates.append(row)
                self.report.add(Outcome(row.line, "created", label))
                continue
            row.matched = True
            changes = {
                name: (current[name], row.values[name])
                for name in FIELDS
                if name in row.values and row.values[name] != current[name]
            }
            if changes:
                updates.append((row, current, changes))
                self.report.add(Outcome(row.line, "updated", label, jsonable(changes)))
            else:
                self.report.add(Outcome(row.line, "unchanged", label))
        return creates, updates

    def write(self, plan) -> None:
        creates, updates = plan
        today = self.today
        Member.objects.bulk_create(
            [
                Member(
                    cooperative_id=row.values["cooperative_id"],
                    member_number=row.values["member_number"],
                    name=row.values["name"],
                    nik=row.values.get("nik", ""),
                    gender=row.values.get("gender", ""),
                    joined_on=row.values.get("joined_on"),
                    savings_pokok=row.values.get("savings_pokok", 0),
                    savings_wajib=row.values.get("savings_wajib", 0),
                    savings_sukarela=row.values.get("savings_sukarela", 0),
                    savings_as_of=today,
                )
                for row in creates
            ],
            batch_size=1000,
        )
        if not updates:
            return
        members = Member.objects.in_bulk([current["pk"] for _r, current, _c in updates])
        now = timezone.now()
        events = []
        for row, current, changes in updates:
            member = members[current["pk"]]
            for name in changes:
                setattr(member, name, row.values[name])
            if {"savings_pokok", "savings_wajib", "savings_sukarela"} & set(changes):
                member.savings_as_of = today
            member.updated_at = now
            events.append(
                (
                    member.pk,
                    f"{member.member_number} {member.name}",
                    self._regions.get(member.cooperative_id, ""),
                    member.cooperative_id,
                    {k: old for k, (old, _new) in changes.items()},
                    {k: new for k, (_old, new) in changes.items()},
                )
            )
        Member.objects.bulk_update(list(members.values()), [*FIELDS, "savings_as_of", "updated_at"])
        # Through core.audit, which keeps the members' NIKs out of the trail.
        audit_many(
            actor=self.actor, action="member.import_update", object_type="registry.member", events=events
        )
