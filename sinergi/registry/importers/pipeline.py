"""The registry import pipeline shared by the three kinds of sheet.

A sheet is processed in chunks of rows, and within a chunk column by column: each column's cells
go through their parser in one loop (columns whose values repeat — places, statuses — parse each
distinct value once), then places are resolved to region codes (cached per distinct place text),
then rows are matched to the registry by their natural key and classified as created, updated,
unchanged or rejected. Each chunk is written in its own transaction, so a failure loses at most
one chunk and re-importing the same file is idempotent.

Nothing is silently dropped: every rejected row carries its line in the file (the header is line
1) and a reason in Indonesian and English, all of its problems at once. Only a missing required
value, an unreadable identity number, a place that cannot be found and a conflict of identity
reject a row; any other cell that cannot be read, or whose value a rule refuses, is not applied and
the row imports with a warning for its line, saying why: a new record leaves that field empty, a
registered one keeps the value it has. A placeholder cell ("-", "tidak ada", 0000-00-00:
`cells.is_placeholder`) is simply empty, without a warning.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from sinergi.accounts.scoping import reach_of
from sinergi.core.privacy import masked_form
from sinergi.regions.codes import code_within
from sinergi.regions.resolve import resolve, resolve_place
from sinergi.registry import cells, rules
from sinergi.registry.bulk import import_session
from sinergi.registry.columns import Column, HeaderMatch, import_columns, match_headers
from sinergi.registry.exporters import unguard
from sinergi.registry.importers.sheets import read_sheet

# Rows per chunk: each chunk is parsed column by column and written in one transaction.
CHUNK = 50000
# Imports that change at least this many rows refresh the planner's statistics afterwards.
STATISTICS_AFTER = 10000
SAMPLE = 20
# The organisation columns an import writes for each new cooperative or business
# (`registry.bulk.insert_organizations`).
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


@dataclass
class Rejection:
    line: int
    reason: str
    reason_en: str
    values: list = field(default_factory=list)


@dataclass
class RowWarning:
    """An imported row with a cell left empty (or a place corrected), and why."""

    line: int
    reason: str
    reason_en: str


@dataclass
class Outcome:
    """One accepted row: what will happen to it and what changes."""

    line: int
    action: str  # created, updated, unchanged
    label: str
    changes: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    headers: list = field(default_factory=list)
    match: HeaderMatch | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    possible_duplicates: int = 0
    masked_ignored: int = 0
    samples: dict[str, list[Outcome]] = field(
        default_factory=lambda: {"created": [], "updated": [], "unchanged": []}
    )
    created_ids: list[int] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.action, getattr(self, outcome.action) + 1)
        bucket = self.samples[outcome.action]
        if len(bucket) < SAMPLE:
            bucket.append(outcome)

    def to_json(self) -> dict:
        """The CLI's --json document."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"line": r.line, "reason": f"{r.reason} / {r.reason_en}"} for r in self.rejected],
            "warnings": [{"line": w.line, "reason": f"{w.reason} / {w.reason_en}"} for w in self.warnings],
            "possible_duplicates": self.possible_duplicates,
        }

    def summary(self) -> dict:
        """What the preview and result pages show (JSON-safe, stored on the ImportBatch)."""
        return {
            **self.to_json(),
            "rejected_count": len(self.rejected),
            "rejected_sample": [
                {"line": r.line, "reason": r.reason, "reason_en": r.reason_en} for r in self.rejected[:50]
            ],
            "warnings_count": len(self.warnings),
            "warnings_sample": [
                {"line": w.line, "reason": w.reason, "reason_en": w.reason_en} for w in self.warnings[:50]
            ],
            "rows": self.rows,
            "masked_ignored": self.masked_ignored,
            "unknown_columns": list(self.match.unknown) if self.match else [],
            "matched_columns": sorted(self.match.positions) if self.match else [],
            "samples": {
                action: [{"line": o.line, "label": o.label, "changes": o.changes} for o in outcomes]
                for action, outcomes in self.samples.items()
            },
            "seconds": round(self.seconds, 2),
            "dry_run": self.dry_run,
        }


# A placeholder cell ("-", "tidak ada", 0000-00-00): read, and found to hold nothing.
_BLANK = object()

# What becomes of a value a row does not apply, said after the reason: a new record leaves the
# field empty, a registered one keeps what it has (the row is matched only after its cells are read).
NOT_APPLIED = {
    False: (" (dikosongkan)", " (left empty)"),
    True: (" (nilai lama dipertahankan)", " (kept the stored value)"),
}


def _worded(warning: tuple[str, str, bool], matched: bool) -> tuple[str, str]:
    reason, reason_en, not_applied = warning
    if not not_applied:
        return reason, reason_en
    suffix, suffix_en = NOT_APPLIED[matched]
    return reason + suffix, reason_en + suffix_en


def _note_text(note) -> tuple[str, str]:
    """A resolver's note in Indonesian and English (a lazy translation is worded in both)."""
    if isinstance(note, tuple):
        return note
    from django.utils.functional import Promise
    from django.utils.translation import override

    if isinstance(note, Promise):
        with override("id"):
            reason = str(note)
        with override("en"):
            return reason, str(note)
    return str(note), str(note)


def _refused(reason: str, reason_en: str, *, open_: bool = False) -> tuple:
    """A place that cannot be placed, as cached: (code, problem, notes, address may still settle it)."""
    return None, (reason, reason_en), (), open_


def _has_content(raw: list) -> bool:
    try:
        return bool("".join(raw).strip())  # CSV rows: all text, one C-level join
    except TypeError:  # spreadsheet rows hold numbers and dates too
        return any(not cells.is_blank(v) for v in raw)


def _masked_aware(parse: Callable, key: str) -> Callable:
    """The parser of a column a masked export marked as masked: a cell in the masker's own form
    stands for the value the registry has; any other cell is read as usual."""

    def read(value):
        if masked_form(key, value):
            raise cells.Masked
        return parse(value)

    return read


class FileRejected(ValueError):
    """The whole file cannot be imported (missing required columns, unreadable)."""


@dataclass(slots=True)
class Row:
    """One sheet row on its way through the pipeline."""

    line: int
    raw: list
    values: dict[str, Any] = field(default_factory=dict)
    masked: set[str] = field(default_factory=set)
    errors: list[tuple[str, str]] = field(default_factory=list)
    # (reason, reason_en, whether it says why a value is not applied)
    warnings: list[tuple[str, str, bool]] = field(default_factory=list)
    region_code: str | None = None
    # Matched to a registered record (an update), not a new one: set while matching.
    matched: bool = False

    def reject(self, reason: str, reason_en: str) -> None:
        self.errors.append((reason, reason_en))

    def warn(self, reason: str, reason_en: str) -> None:
        """The row imports, with this said about it (a place corrected, a value ignored)."""
        self.warnings.append((reason, reason_en, False))

    def not_applied(self, reason: str, reason_en: str) -> None:
        """The row imports without one of its values, for this reason. The report adds what that
        means for the record: a new one leaves the field empty, a registered one keeps its value."""
        self.warnings.append((reason, reason_en, True))


class Importer:
    """Base of the three importers: chunking, parsing, regions, reporting. Subclasses match and write."""

    kind: str = ""
    needs_region: bool = True
    tables: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        actor,
        dry_run: bool = False,
        scope_code: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        today: dt.date | None = None,
    ):
        self.actor = actor
        self.dry_run = dry_run
        self.reach = reach_of(actor)
        self.scope_code = scope_code or None
        self.progress = progress
        self.today = today or dt.date.today()
        self.columns: tuple[Column, ...] = import_columns(self.kind)
        self.report = ImportReport(kind=self.kind, dry_run=dry_run)
        self._seen_keys: dict[Any, int] = {}
        self._place_cache: dict[tuple, Any] = {}
        # Possible duplicates found by exact signals while matching: (ref, ref, signal), where a ref is
        # an organisation id or -line for a new row; the new rows' match records by ref; -line → new id.
        self.signal_pairs: list[tuple[int, int, str]] = []
        self.new_records: dict[int, Row] = {}
        self.new_ids: dict[int, int] = {}

    # --- entry point -----------------------------------------------------------------------------

    def run(self, path, *, total_rows: int | None = None) -> ImportReport:
        # The import builds dictionaries of millions of small objects; Python's cyclic garbage
        # collector would walk all of them again and again while nothing here forms cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            if self.dry_run:
                return self._run(path, total_rows=total_rows)
            with import_session():
                return self._run(path, total_rows=total_rows)
        finally:
            if collecting:
                gc.enable()

    def _run(self, path, *, total_rows: int | None = None) -> ImportReport:
        import time

        started = time.perf_counter()
        sheet = read_sheet(path)
        match = match_headers(self.kind, sheet.headers)
        self.report.headers = list(sheet.headers)
        self.report.match = match
        if match.missing_required:
            missing = ", ".join(match.missing_required)
            raise FileRejected(f"Kolom wajib tidak ada: {missing} / Required columns missing: {missing}")
        if self.needs_region and not ({"village", "district", "regency", "address"} & set(match.positions)):
            raise FileRejected(
                "Tidak ada kolom wilayah (Kelurahan/Desa, Kecamatan, Kabupaten/Kota atau Alamat) / "
                "No place columns (Kelurahan/Desa, Kecamatan, Kabupaten/Kota or Alamat)"
            )
        self.prepare()
        line = sheet.first_line
        done = 0
        rows_iter = iter(sheet.rows)
        while True:
            block = list(itertools.islice(rows_iter, CHUNK))
            if not block:
                break
            rows = []
            for raw in block:
                if _has_content(raw):
                    rows.append(Row(line=line, raw=raw))
                line += 1
            self.report.rows += len(rows)
            self._process(rows, match)
            done += len(block)
            if self.progress:
                self.progress(done, max(total_rows or 0, done))
        self.finish()
        self.report.rejected.sort(key=lambda r: r.line)
        self.report.warnings.sort(key=lambda w: w.line)
        self.report.seconds = time.perf_counter() - started
        return self.report

    # --- one chunk -------------------------------------------------------------------------------

    def _process(self, rows: list[Row], match: HeaderMatch) -> None:
        self.parse_columns(rows, match)
        if self.needs_region:
            self.resolve_regions(rows)
        accepted = []
        for row in rows:
            # Rows already refused (a place not found, a required value missing) are checked too, so
            # the sheet's author sees all of a row's problems in one pass.
            self.check_row(row)
            if row.errors:
                self._reject(row)
            else:
                accepted.append(row)
        if not accepted:
            return
        if self.dry_run:
            self.match_and_classify(accepted)
        else:
            with transaction.atomic():
                plan = self.match_and_classify(accepted)
                self.write(plan)
        for row in accepted:
            if row.errors:  # rejected while matching (a duplicate in the file, another region's row)
                self._reject(row)
            elif row.warnings:
                worded = [_worded(w, row.matched) for w in row.warnings]
                self.report.warnings.append(
                    RowWarning(
                        line=row.line,
                        reason="; ".join(w[0] for w in worded),
                        reason_en="; ".join(w[1] for w in worded),
                    )
                )

    def _reject(self, row: Row) -> None:
        reason = "; ".join(e[0] for e in row.errors)
        reason_en = "; ".join(e[1] for e in row.errors)
        self.report.rejected.append(
            Rejection(line=row.line, reason=reason, reason_en=reason_en, values=row.raw)
        )

    def parse_columns(self, rows: list[Row], match: HeaderMatch) -> None:
        """Column by column: one tight loop per column, each distinct repeating value parsed once."""
        routed: list[tuple[Row, Column, cells.Routed]] = []
        for column in self.columns:
            position = match.positions.get(column.key)
            if position is None:
                continue
            parse = column.parse or cells.text
            # One placeholder rule for every cell; in counts and amounts a 0 is a number.
            zero_is_nothing = not cells.reads_zero(parse)
            placeholder = cells.is_placeholder
            key_name = column.key
            if key_name in match.masked:
                parse = _masked_aware(parse, key_name)
            cache: dict = {}
            for row in rows:
                raw = row.raw
                value = raw[position] if position < len(raw) else None
                if type(value) is str and value[:1] == "'":
                    value = unguard(value)  # an export's formula guard, taken off exactly
                # A spreadsheet's number 0 is a value, not a blank.
                if (not value or (type(value) is str and value.isspace())) and value != 0:
                    continue
                outcome = cache.get(value) if column.repeats else None
                if outcome is None:
                    try:
                        if placeholder(value, zero=zero_is_nothing):
                            raise cells.Blank
                        outcome = (True, parse(value))
                    except cells.Masked:
                        outcome = (None, None)
                    except cells.Blank:
                        outcome = (True, _BLANK)
                    except cells.EmailInPhone as found:
                        outcome = (True, cells.Routed("email", found.address))
                    except cells.CellError as exc:
                        outcome = (
                            False,
                            (f"{column.header}: {exc.message_id}", f"{column.header}: {exc.message_en}"),
                        )
                    if column.repeats:
                        cache[value] = outcome
                ok, parsed = outcome
                if ok:
                    if parsed is _BLANK:
                        continue
                    if type(parsed) is cells.Routed:
                        routed.append((row, column, parsed))
                    else:
                        row.values[key_name] = parsed
                elif ok is None:
                    row.masked.add(key_name)
                    self.report.masked_ignored += 1
                elif column.strict or column.required:
                    row.reject(*parsed)
                else:
                    row.not_applied(*parsed)
        for row, column, (key, value) in routed:
            self._place_routed(row, column, key, value)
        required = [c for c in self.columns if c.required]
        for row in rows:
            for column in required:
                empty = column.key not in row.values and column.key not in row.masked
                if empty and not any(e[0].startswith(column.header + ":") for e in row.errors):
                    row.reject(f"{column.header}: wajib diisi", f"{column.header}: required")

    def _place_routed(self, row: Row, column: Column, key: str, value) -> None:
        """A value found in another field's column: kept unless that field's own cell says otherwise."""
        own = row.values.get(key)
        if own is None and key not in row.masked and any(c.key == key for c in self.columns):
            row.values[key] = value
        elif own != value and key == "email":
            row.not_applied(
                f"{column.header}: berisi alamat e-mail {value}, bukan nomor telepon; kolom E-mail sudah "
                "berisi alamat lain",
                f"{column.header}: holds the e-mail address {value}, not a phone number; the E-mail column "
                "already holds another address",
            )
        elif own != value:
            other = next((c.header for c in self.columns if c.key == key), key)
            row.warn(
                f"{column.header}: nilai ini milik kolom {other}, yang sudah berisi nilai lain (diabaikan)",
                f"{column.header}: this value belongs to the {other} column, which holds another (ignored)",
            )

    def resolve_regions(self, rows: list[Row]) -> None:
        for row in rows:
            # Rows with other errors are resolved too, so a sheet's author sees every problem at once.
            values = row.values
            if values.get("region_code"):
                result = self._cached(("code", values["region_code"]))
            else:
                parts = (values.get("village"), values.get("district"), values.get("regency"))
                address = values.get("address")
                # Place columns first, cached per distinct place. The address (different on every row)
                # is read only when they leave the place open, and then only inside what they settle.
                result = self._cached(("parts", *parts, None)) if any(parts) else None
                if address and (result is None or result[3]):
                    result = self._cached(("place", *parts, address))
                if result is None:
                    result = _refused(
                        "Wilayah kosong: isi Kelurahan/Desa, Kecamatan, Kabupaten/Kota", "No place given"
                    )
            # (code, problem, notes, whether the row's address may still change the place)
            code, problem, notes, _open = result
            if code is None:
                row.reject(*problem)
            else:
                row.region_code = code
                for note in notes:
                    row.warn(*_note_text(note))

    @property
    def prefer_code(self) -> str | None:
        """The uploader's jurisdiction (or their cooperative's kabupaten/kota), computed once.

        Where a place fits several regions, the candidates inside it, then in its province, come first.
        """
        if "_prefer_code" not in self.__dict__:
            code = self.scope_code or next(iter(self.reach.office_codes()), None)
            if code is None and self.reach.org_roles:
                from sinergi.accounts.models import Organization

                region = (
                    Organization.objects.filter(pk__in=self.reach.organization_ids(), region__isnull=False)
                    .order_by("pk")
                    .values_list("region_id", flat=True)
                    .first()
                )
                code = ".".join(region.split(".")[:2]) if region else None
            self._prefer_code = code
        return self._prefer_code

    def _cached(self, key: tuple):
        result = self._place_cache.get(key)
        if result is None:
            if key[0] == "code":
                result = self._resolve_code(key[1], scope=self.scope_code)
            else:
                result = self._resolve_place(*key[1:], scope=self.scope_code)
            self._place_cache[key] = result
        return result

    def _resolve_code(self, code: str, *, scope):
        """An explicit Kemendagri code (our own exports carry one) settles the place exactly."""
        result = resolve(code)
        if not result.ok or result.method != "code":
            return _refused(f"Kode wilayah tidak dikenal: {code}", f"Unknown region code: {code}")
        if result.code.count(".") < 2:
            return _refused(
                f"Kode wilayah kurang rinci (perlu kecamatan atau kelurahan/desa): {code}",
                f"Region code not precise enough (a district or village is needed): {code}",
            )
        if scope and not code_within(result.code, scope):
            return _refused(
                f"Wilayah {result.label} di luar wilayah kerja Anda",
                f"Place {result.label} is outside your jurisdiction",
            )
        return result.code, None, (), False

    def _resolve_place(self, village, district, regency, address, *, scope):
        """Place columns first (exact and fast); the address inside what they settle, if they leave it open.

        Returns (code, problem, notes, open): `open` says the row's address may still change the
        place (the columns gave no kecamatan, or name no region); the address is read only then.
        """

        def attempt(within):
            return resolve_place(
                village=village,
                district=district,
                regency=regency,
                address=address,
                within=within,
                prefer=self.prefer_code,
            )

        if not (village or district or regency or address):
            return _refused("Wilayah kosong: isi Kelurahan/Desa, Kecamatan, Kabupaten/Kota", "No place given")
        place = " / ".join(str(v) for v in (village, district, regency) if v) or address
        result = attempt(scope)
        open_ = result.check_address and not address
        if scope and not result.ok and result.problem == "not_found":
            # Not inside the jurisdiction: say so when the place exists elsewhere.
            anywhere = attempt(None)
            if anywhere.ok or (anywhere.candidates and anywhere.problem == "ambiguous"):
                label = anywhere.label or place
                return _refused(
                    f"Wilayah {label} di luar wilayah kerja Anda",
                    f"Place {label} is outside your jurisdiction",
                )
        if result.ok:
            if result.code.count(".") < 2:
                return _refused(
                    f"Wilayah kurang rinci (perlu kecamatan atau kelurahan/desa): {place}",
                    f"Place not precise enough (a district or village is needed): {place}",
                    open_=open_,
                )
            if scope and not code_within(result.code, scope):
                return _refused(
                    f"Wilayah {result.label} di luar wilayah kerja Anda",
                    f"Place {result.label} is outside your jurisdiction",
                )
            return result.code, None, result.notes, open_
        candidates = result.describe_candidates(5)
        if result.problem == "ambiguous":
            return _refused(
                f"Wilayah ambigu: {place}; kemungkinan: {candidates}",
                f"Ambiguous place: {place}; candidates: {candidates}",
                open_=open_,
            )
        if result.problem == "outside":
            return _refused(
                f"Wilayah di luar wilayah kerja Anda: {place}",
                f"Place outside your jurisdiction: {place}",
                open_=open_,
            )
        hint_id = f"; mungkin maksud Anda: {candidates}" if candidates else ""
        hint_en = f"; did you mean: {candidates}" if candidates else ""
        return _refused(
            f"Wilayah tidak ditemukan: {place}{hint_id}", f"Place not found: {place}{hint_en}", open_=open_
        )

    def seen(self, row: Row, key) -> bool:
        """A natural key already met earlier in the same file: reject the later row."""
        if self.seen_before(row, key):
            return True
        self._seen_keys[key] = row.line
        return False

    def seen_before(self, row: Row, key) -> bool:
        """Like `seen`, for a key this row matches but does not claim: reject it if met earlier."""
        first = self._seen_keys.get(key)
        if first is not None:
            row.reject(
                f"Duplikat dalam berkas: sama dengan baris {first}",
                f"Duplicate within the file: same as line {first}",
            )
            return True
        return False

    # --- the parts each kind provides ------------------------------------------------------------

    def prepare(self) -> None:
        """Before the first chunk: load what matching needs (natural-key indexes)."""

    def check_row(self, row: Row) -> None:
        """Rules across fields of one row; reject via row.reject(). Called for every row, also one
        already refused (its place, a required value): do not rely on a value being there."""

    def rule_reason(self, key: str, code: str, value) -> tuple[str, str]:
        """A problem found by the registry's rules (`registry.rules`), worded as the services word
        it, under the header of the column `key`."""
        header = next((c.header for c in self.columns if c.key == key), key)
        reason, reason_en = rules.problem_texts(code, value=value)
        return f"{header}: {reason}", f"{header}: {reason_en}"

    def check_values(self, row: Row, keys) -> None:
        """Judge the row's values of `keys` by the same rules as the services. A refused value is
        not applied and the row imports with the reason, as for an unreadable optional cell."""
        for key in keys:
            value = row.values.get(key)
            code = None
            if value is not None:
                code = rules.field_problem(
                    key, value, today=self.today, legal_date=row.values.get("legal_date")
                )
            if code:
                del row.values[key]
                row.not_applied(*self.rule_reason(key, code, value))

    def match_and_classify(self, rows: list[Row]):
        raise NotImplementedError

    def write(self, plan) -> None:
        raise NotImplementedError

    def match_record(self, row: Row, pk: int):
        """The row as a duplicate-matching record, or None for kinds without duplicate detection."""
        return None

    def note_signal(self, row: Row, other: int, signal: str) -> None:
        """A new row shares an exact signal (owner NIK, phone, name in the kecamatan) with `other`."""
        ref = -row.line
        self.new_records.setdefault(ref, row)
        self.signal_pairs.append((other, ref, signal))

    def finish(self) -> None:
        """After the last chunk: score the possible duplicates the signals found, record the import."""
        from sinergi.core.audit import audit_record
        from sinergi.registry.duplicates import records_by_ids, store_candidates
        from sinergi.registry.matching import THRESHOLD, Pair, score

        if self.signal_pairs:
            refs = {ref for a, b, _signal in self.signal_pairs for ref in (a, b)}
            records = records_by_ids(self.kind, [r for r in refs if r > 0])
            for ref in refs:
                if ref < 0 and ref in self.new_records:
                    records[ref] = self.match_record(self.new_records[ref], ref)
            real = (lambda ref: ref) if self.dry_run else (lambda ref: self.new_ids.get(ref, ref))
            pairs: dict[tuple[int, int], Pair] = {}
            for a, b, signal in self.signal_pairs:
                if a not in records or b not in records:
                    continue
                value, reasons = score(records[a], records[b])
                left, right = sorted((real(a), real(b)))
                if left == right:
                    continue
                if signal == "legal" and reasons.get("number") != "different":
                    # One legal number in one regency: an officer decides, however unlike the names
                    # (two different NIK Koperasi settle it: two legal entities).
                    reasons = {**reasons, "legal": "same"}
                elif signal == "namesake" and "different" not in (
                    reasons.get("number"),
                    reasons.get("owner_nik"),
                ):
                    # A new business named as one registered in its place, which the row could not be
                    # matched to (`importers.businesses`): an officer decides, unless an identity
                    # number (another NIB, another owner's NIK) already tells them apart.
                    pass
                elif value < THRESHOLD:
                    continue
                known = pairs.get((left, right))
                pairs[(left, right)] = Pair(
                    left=left,
                    right=right,
                    score=round(value, 2),
                    reasons={**(known.reasons if known else {}), **reasons},
                )
            self.report.possible_duplicates = len(pairs)
            if not self.dry_run:
                store_candidates(self.kind, list(pairs.values()))
        if not self.dry_run and self.report.created + self.report.updated >= STATISTICS_AFTER:
            from sinergi.registry.bulk import refresh_statistics

            refresh_statistics(self.tables)
        if not self.dry_run:
            audit_record(
                actor=self.actor,
                action=f"registry.import.{self.kind}",
                object_type="registry.importbatch",
                object_repr=f"{self.report.created} baru, {self.report.updated} diperbarui",
                after=self.report.to_json()
                | {"rejected": len(self.report.rejected), "warnings": len(self.report.warnings)},
                region_code=self.scope_code or "",
            )
