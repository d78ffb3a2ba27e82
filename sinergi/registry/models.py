"""The registry: one true list of cooperatives, businesses (UMKM), members and clusters.

Profiles hang one-to-one off `accounts.Organization` (reached as `organization.cooperativeprofile`
and `organization.businessprofile`). Each profile copies its organisation's region code and the
codes of its district and regency: lists, counts and dashboards filter and group on them without
joining, and a national deployment can partition these tables by province code. The organisation's
region is the truth; the copy is written when the profile is registered or imported, and changes
afterwards only with a move (`OrganizationMove`, `registry.services.moves`) in the same transaction
as the organisation's region.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.accounts.models import Organization
from sinergi.core.models import TimeStamped


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class CooperativeType(models.TextChoices):
    """Jenis koperasi (UU 25/1992 Pasal 16 and the ODS classification)."""

    SIMPAN_PINJAM = "simpan_pinjam", _("Simpan pinjam")
    KONSUMEN = "konsumen", _("Konsumen")
    PRODUSEN = "produsen", _("Produsen")
    PEMASARAN = "pemasaran", _("Pemasaran")
    JASA = "jasa", _("Jasa")
    SERBA_USAHA = "serba_usaha", _("Serba usaha")


class CooperativeGroup(models.TextChoices):
    """Kelompok koperasi: who its members are."""

    KARYAWAN = "karyawan", _("Karyawan")
    KPRI = "kpri", _("KPRI / pegawai negeri")
    TNI_POLRI = "tni_polri", _("TNI/Polri")
    PESANTREN = "pesantren", _("Pondok pesantren")
    DESA = "desa", _("Desa/kelurahan")
    WANITA = "wanita", _("Wanita")
    TANI = "tani", _("Tani")
    NELAYAN = "nelayan", _("Nelayan")
    PEDAGANG = "pedagang", _("Pedagang/pasar")
    PEMUDA = "pemuda", _("Pemuda/mahasiswa")
    MASYARAKAT = "masyarakat", _("Masyarakat umum")
    LAINNYA = "lainnya", _("Lainnya")


class CooperativeForm(models.TextChoices):
    PRIMER = "primer", _("Primer")
    SEKUNDER = "sekunder", _("Sekunder")


class CooperativeStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
    DIBEKUKAN = "dibekukan", _("Dibekukan")
    DIBUBARKAN = "dibubarkan", _("Dibubarkan")
    # A sheet that says nothing about the status: the activity rule decides from evidence (RAT,
    # annual reports) instead of taking the cooperative for active. The short code fits the
    # 12-character status columns that other slices keep (status proposals, history).
    BELUM_DIKETAHUI = "belum_tahu", _("Belum diketahui")


class BusinessStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
    TUTUP = "tutup", _("Tutup")


class BusinessScale(models.TextChoices):
    """Skala usaha by PP 7/2021 Pasal 35."""

    MIKRO = "mikro", _("Mikro")
    KECIL = "kecil", _("Kecil")
    MENENGAH = "menengah", _("Menengah")
    BESAR = "besar", _("Besar")


class MemberStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    KELUAR = "keluar", pgettext_lazy("member state", "Keluar")
    MENINGGAL = "meninggal", _("Meninggal")


class RegionCopy(models.Model):
    """The organisation's region and its district and regency codes, kept on the profile.

    Kept for speed and for the one-flagship-per-kecamatan constraint; never edited on its own:
    `registry.services.moves` rewrites it together with the organisation's region.
    """

    region_code = models.CharField(_("kode wilayah"), max_length=13)
    district_code = models.CharField(_("kode kecamatan"), max_length=8)
    regency_code = models.CharField(_("kode kabupaten/kota"), max_length=5)

    class Meta:
        abstract = True

    def copy_region(self, code: str) -> None:
        parts = code.split(".")
        self.region_code = code
        self.district_code = ".".join(parts[:3])
        self.regency_code = ".".join(parts[:2])


class CooperativeProfile(RegionCopy, TimeStamped):
    """Koperasi: the legal identity, classification, membership and status of a cooperative."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, primary_key=True)
    # Nomor Induk Koperasi, issued by the ministry's Online Data System.
    nik_koperasi = models.CharField(_("NIK Koperasi"), max_length=20, blank=True)
    # Not unique: old local numbers ("518/13/BH/PERINDAGKOP") repeat across cooperatives and years.
    legal_number = models.CharField(_("nomor badan hukum"), max_length=100, blank=True)
    # The legal number without spaces, upper-cased: "518 / BH / xiii" and "518/BH/XIII" are one number.
    legal_key = models.CharField(max_length=100, blank=True, db_index=True)
    legal_date = models.DateField(_("tanggal badan hukum"), null=True, blank=True)
    amendment_number = models.CharField(
        _("nomor perubahan anggaran dasar terakhir"), max_length=100, blank=True
    )
    amendment_date = models.DateField(_("tanggal perubahan anggaran dasar"), null=True, blank=True)
    cooperative_type = models.CharField(
        _("jenis"), max_length=20, choices=CooperativeType.choices, blank=True
    )
    group = models.CharField(_("kelompok"), max_length=20, choices=CooperativeGroup.choices, blank=True)
    form = models.CharField(_("bentuk"), max_length=10, choices=CooperativeForm.choices, default="primer")
    secondary = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="primary_members",
        verbose_name=_("koperasi sekunder"),
    )
    # KBLI 2020 codes, comma-separated ("47111,10792"); filters match any code by prefix.
    kbli = models.CharField(_("KBLI"), max_length=200, blank=True)
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    fiscal_year_end_month = models.PositiveSmallIntegerField(_("bulan tutup buku"), default=12)
    members_male = models.PositiveIntegerField(_("anggota laki-laki"), default=0)
    members_female = models.PositiveIntegerField(_("anggota perempuan"), default=0)
    # Members counted without their gender: the ministry's ODS gives only "Jumlah Anggota".
    members_unspecified = models.PositiveIntegerField(_("anggota tanpa rincian"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=CooperativeStatus.choices, default=CooperativeStatus.AKTIF
    )
    # From imported sheets until annual reports exist in the platform; then derived from them.
    last_rat_date = models.DateField(_("tanggal RAT terakhir"), null=True, blank=True)
    is_flagship = models.BooleanField(_("koperasi unggulan kecamatan"), default=False)

    class Meta:
        verbose_name = _("profil koperasi")
        verbose_name_plural = _("profil koperasi")
        constraints = [
            models.UniqueConstraint(
                fields=["nik_koperasi"], condition=~models.Q(nik_koperasi=""), name="coop_unique_nik_koperasi"
            ),
            # One flagship cooperative per kecamatan (Kampung Koperasi).
            models.UniqueConstraint(
                fields=["district_code"],
                condition=models.Q(is_flagship=True),
                name="coop_one_flagship_per_district",
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year_end_month__gte=1, fiscal_year_end_month__lte=12),
                name="coop_fiscal_month_range",
            ),
        ]
        indexes = [
            # Scoped lists and counts: status within a region prefix.
            models.Index(fields=["region_code", "status"], name="coop_region_status"),
            models.Index(fields=["district_code", "status"], name="coop_district_status"),
            models.Index(fields=["regency_code", "status"], name="coop_regency_status"),
            # The "about to turn inactive" list.
            models.Index(fields=["status", "last_rat_date"], name="coop_status_rat"),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def members_total(self) -> int:
        return self.members_male + self.members_female + self.members_unspecified


class CooperativeStatusChange(models.Model):
    """Riwayat status koperasi: a dated status change with its reason."""

    cooperative = models.ForeignKey(
        CooperativeProfile, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=CooperativeStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=CooperativeStatus.choices)
    effective_on = models.DateField(_("berlaku sejak"))
    reason = models.TextField(_("alasan"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cooperative}: {self.from_status} → {self.to_status}"


class CooperativeOfficer(models.Model):
    """Pengurus dan pengawas: the board and supervisors of a cooperative, with their terms."""

    class Body(models.TextChoices):
        PENGURUS = "pengurus", _("Pengurus")
        PENGAWAS = "pengawas", _("Pengawas")

    cooperative = models.ForeignKey(CooperativeProfile, on_delete=models.CASCADE, related_name="officers")
    body = models.CharField(_("badan"), max_length=10, choices=Body.choices)
    position = models.CharField(_("jabatan"), max_length=60)
    name = models.CharField(_("nama"), max_length=150)
    term_start = models.DateField(_("awal masa jabatan"), null=True, blank=True)
    term_end = models.DateField(_("akhir masa jabatan"), null=True, blank=True)

    class Meta:
        ordering = ["body", "position", "name"]

    def __str__(self) -> str:
        return f"{self.position} {self.name}"


class BusinessProfile(RegionCopy, TimeStamped):
    """UMKM: a micro, small or medium business, its owner and its size class.

    The scale (skala usaha) is computed from modal usaha or annual sales by PP 7/2021 and may be
    overridden by an officer with a reason.
    """

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, primary_key=True)
    owner_name = models.CharField(_("nama pemilik"), max_length=150, blank=True)
    owner_nik = models.CharField(_("NIK pemilik"), max_length=16, blank=True)
    owner_gender = models.CharField(
        _("jenis kelamin pemilik"), max_length=1, choices=Gender.choices, blank=True
    )
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    kbli = models.CharField(_("KBLI"), max_length=200, blank=True)
    capital = models.DecimalField(_("modal usaha"), max_digits=18, decimal_places=2, null=True, blank=True)
    annual_sales = models.DecimalField(
        _("omzet per tahun"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    employees = models.PositiveIntegerField(_("jumlah tenaga kerja"), null=True, blank=True)
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=BusinessStatus.choices, default="aktif")
    scale = models.CharField(_("skala usaha"), max_length=10, choices=BusinessScale.choices, blank=True)
    scale_override = models.CharField(
        _("skala (koreksi petugas)"), max_length=10, choices=BusinessScale.choices, blank=True
    )
    scale_override_reason = models.CharField(_("alasan koreksi skala"), max_length=300, blank=True)
    # Normalised business name: the natural key (with the village) of a business without NIB.
    name_key = models.CharField(max_length=200, db_index=True)
    cooperatives = models.ManyToManyField(
        Organization, blank=True, related_name="business_members", verbose_name=_("anggota koperasi")
    )

    class Meta:
        verbose_name = _("profil UMKM")
        verbose_name_plural = _("profil UMKM")
        constraints = [
            models.UniqueConstraint(fields=["nib"], condition=~models.Q(nib=""), name="umkm_unique_nib"),
        ]
        # Few indexes on purpose: every one costs on each of a million imported rows. Imports match
        # natural keys in memory; lists filter by region prefix and walk name_key (db_index above).
        indexes = [
            # Scoped lists and counts: a region prefix, optionally with the status.
            models.Index(fields=["region_code", "status"], name="umkm_region_status"),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def effective_scale(self) -> str:
        return self.scale_override or self.scale


class Member(TimeStamped):
    """Anggota koperasi: a person who is a member of a cooperative, with their savings."""

    cooperative = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")
    member_number = models.CharField(_("nomor anggota"), max_length=40)
    name = models.CharField(_("nama"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    joined_on = models.DateField(_("tanggal masuk"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices, default="aktif")
    savings_pokok = models.DecimalField(_("simpanan pokok"), max_digits=18, decimal_places=2, default=0)
    savings_wajib = models.DecimalField(_("simpanan wajib"), max_digits=18, decimal_places=2, default=0)
    savings_sukarela = models.DecimalField(_("simpanan sukarela"), max_digits=18, decimal_places=2, default=0)
    savings_as_of = models.DateField(_("saldo per tanggal"), null=True, blank=True)

    class Meta:
        ordering = ["member_number"]
        verbose_name = _("anggota koperasi")
        verbose_name_plural = _("anggota koperasi")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member_number"], name="member_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.member_number} {self.name}"


class Cluster(TimeStamped):
    """Kampung Koperasi: a commodity cluster in a kecamatan around a flagship cooperative."""

    name = models.CharField(_("nama"), max_length=200)
    commodity = models.CharField(_("komoditas"), max_length=100)
    district = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan")
    )
    flagship = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flagship_clusters",
        verbose_name=_("koperasi unggulan"),
    )
    cooperatives = models.ManyToManyField(Organization, blank=True, related_name="cooperative_clusters")
    businesses = models.ManyToManyField(Organization, blank=True, related_name="business_clusters")

    class Meta:
        ordering = ["name"]
        verbose_name = _("klaster")
        verbose_name_plural = _("klaster")

    def __str__(self) -> str:
        return self.name


class ImportBatch(TimeStamped):
    """Impor: one uploaded sheet, its dry run or import, and its report."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Koperasi")
        UMKM = "umkm", _("UMKM")
        MEMBER = "member", _("Anggota koperasi")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("diunggah")
        PREVIEWED = "previewed", _("pratinjau siap")
        IMPORTED = "imported", _("diimpor")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(_("nama berkas"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The jurisdiction the rows must fall in (the uploader's office), or "" for everything.
    scope_code = models.CharField(max_length=13, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    summary = models.JSONField(default=dict, blank=True)
    rejected_file = models.FileField(upload_to="imports/rejected/%Y/%m/", blank=True)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor")
        verbose_name_plural = _("impor")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.filename}"


class DuplicateCandidate(TimeStamped):
    """Calon duplikat: two organisations that look like the same cooperative or business."""

    class Status(models.TextChoices):
        OPEN = "open", _("perlu ditinjau")
        MERGED = "merged", _("digabung")
        DISTINCT = "distinct", _("berbeda")

    kind = models.CharField(max_length=12)
    left = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(max_digits=5, decimal_places=2)
    reasons = models.JSONField(default=dict)
    region_code = models.CharField(max_length=13)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="dup_unique_pair"),
        ]
        indexes = [models.Index(fields=["kind", "status", "region_code"], name="dup_queue")]

    def __str__(self) -> str:
        return f"{self.left} ≈ {self.right} ({self.score})"


class MergeRecord(models.Model):
    """Penggabungan: what a merge moved, so an admin can undo it."""

    kept = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    merged = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    moved = models.JSONField(default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept}"


class OrganizationMove(TimeStamped):
    """Pindah wilayah: an organisation moving to another region.

    Inside one office's jurisdiction its admins and staff move an organisation at once (the row is
    recorded approved). Anything else — a cooperative's pengurus or a business owner moving their
    own organisation, or an office sending one across its border — is a request that the office
    of the receiving region approves or refuses; until then the organisation stays where it is.
    Approving moves the organisation and the registry's copy of its region in one transaction
    (`registry.services.moves`), the only place that copy changes after registration.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu persetujuan")
        APPROVED = "approved", _("disetujui")
        REFUSED = "refused", _("ditolak")
        CANCELLED = "cancelled", _("dibatalkan")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="moves")
    from_region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah asal")
    )
    to_region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah tujuan")
    )
    reason = models.TextField(_("alasan"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pindah wilayah")
        verbose_name_plural = _("pindah wilayah")
        constraints = [
            # One open request per organisation: two could not both be approved from one place.
            models.UniqueConstraint(
                fields=["organization"], condition=models.Q(status="pending"), name="move_one_pending_per_org"
            ),
        ]
        indexes = [
            # The receiving office's queue: pending requests into its jurisdiction.
            models.Index(fields=["status", "to_region"], name="move_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.from_region_id} → {self.to_region_id} ({self.status})"


class TallyPlace(models.Model):
    """A place code and the codes above it, copied so each drill-down level is one equality filter.

    `layer` numbers the tally's layers (`core.tallies`): 0 holds villages and every dimension, the
    others the same sums rolled up to a kecamatan, regency or province (region_code is then that
    place's code and the columns below it are blank)."""

    layer = models.PositiveSmallIntegerField(_("lapisan"), default=0)
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    district_code = models.CharField(_("kode kecamatan"), max_length=8)
    regency_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    province_code = models.CharField(_("kode provinsi"), max_length=2)

    class Meta:
        abstract = True


class CooperativeTally(TallyPlace):
    """Rekap koperasi: cooperatives per village, status, type and form, with their members.

    Kept by every registry write in the same transaction (`registry.tallies`); dashboards sum these
    rows over a region prefix instead of counting profiles. Merged-away cooperatives are not counted.
    Rows that fall to zero are kept; `insights_verify` treats them as absent.
    """

    status = models.CharField(max_length=12)
    cooperative_type = models.CharField(max_length=20)
    form = models.CharField(max_length=10)
    count = models.BigIntegerField(default=0)
    members_male = models.BigIntegerField(default=0)
    members_female = models.BigIntegerField(default=0)
    members_unspecified = models.BigIntegerField(default=0)
    # Cooperatives with a recorded RAT date (Rapat Anggota Tahunan): the base of RAT compliance.
    with_rat = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap koperasi")
        verbose_name_plural = _("rekap koperasi")
        constraints = [
            # Also serves a place's own rows (layer and region_code = …).
            models.UniqueConstraint(
                fields=["region_code", "layer", "status", "cooperative_type", "form"], name="coop_tally_key"
            ),
        ]
        indexes = [
            # Drill-down sums: a layer's rows in a regency or kecamatan, by the level below (a province's
            # regency rows are few: the layer alone finds them).
            models.Index(fields=["layer", "regency_code", "district_code"], name="coop_tally_regency_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="coop_tally_district_l"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.status} {self.cooperative_type} {self.form}: {self.count}"


class BusinessTally(TallyPlace):
    """Rekap UMKM: businesses per village, status, scale (PP 7/2021), KBLI section and owner's sex.

    Kept by every registry write in the same transaction (`registry.tallies`). The scale is the
    effective one (an officer's correction applied); the sector is the KBLI section of the first
    code, '' when unknown. Merged-away businesses are not counted. Rows at zero are kept.
    """

    status = models.CharField(max_length=12)
    scale = models.CharField(max_length=10)
    sector = models.CharField(max_length=1)
    owner_gender = models.CharField(max_length=1)
    count = models.BigIntegerField(default=0)
    employees = models.BigIntegerField(default=0)
    annual_sales = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    capital = models.DecimalField(max_digits=24, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("rekap UMKM")
        verbose_name_plural = _("rekap UMKM")
        constraints = [
            # Also serves a place's own rows (layer and region_code = …).
            models.UniqueConstraint(
                fields=["region_code", "layer", "status", "scale", "sector", "owner_gender"],
                name="umkm_tally_key",
            ),
        ]
        indexes = [
            # Drill-down sums: a layer's rows in a regency or kecamatan, by the level below (a province's
            # regency rows are few: the layer alone finds them).
            models.Index(fields=["layer", "regency_code", "district_code"], name="umkm_tally_regency_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="umkm_tally_district_l"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.region_code} {self.status} {self.scale} {self.sector} {self.owner_gender}: {self.count}"
        )


# --- networks --------------------------------------------------------------------------------


class NetworkKind(models.TextChoices):
    """What holds a network together. Only buying networks run Belanja Bareng rounds."""

    BUYING = "buying", _("Jaringan belanja bareng (JUK)")
    CONSORTIUM = "consortium", _("Konsorsium usaha")
    ASSOCIATION = "association", _("Asosiasi")
    FORUM = "forum", _("Forum")


class NetworkMemberState(models.TextChoices):
    """Where an organisation stands in a network: committed to join, a member, or gone."""

    PLEDGED = "pledged", _("Berkomitmen")
    MEMBER = "member", pgettext_lazy("member state", "Anggota")
    LEFT = "left", pgettext_lazy("member state", "Keluar")


# The states that count as belonging to a network now: at most one such row per organisation.
CURRENT_NETWORK_STATES = (NetworkMemberState.PLEDGED, NetworkMemberState.MEMBER)


class Network(TimeStamped):
    """Jaringan: a named group of organisations of any kind, led by one of them.

    A buying network (Jaringan Usaha Koperasi, Bandung's JUK) pools its member cooperatives'
    orders in Belanja Bareng rounds; a business consortium (Kota Bogor's government, cooperatives,
    associations and universities), an association or a forum works under agreements. The office
    sets it up for an area (`region`); `lead` is the organisation that runs it (for a buying
    network, the coordinator whose staff open its rounds).

    The table was created by purchasing when networks were buying networks only, and stays.
    """

    Kind = NetworkKind

    name = models.CharField(_("nama jaringan"), max_length=150)
    kind = models.CharField(
        _("jenis jaringan"), max_length=12, choices=NetworkKind.choices, default=NetworkKind.BUYING
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    lead = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_networks", verbose_name=_("pemimpin")
    )
    purpose = models.TextField(_("tujuan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    members = models.ManyToManyField(
        Organization, through="NetworkMember", related_name="networks", verbose_name=_("anggota")
    )

    class Meta:
        db_table = "purchasing_network"
        ordering = ["name"]
        verbose_name = _("jaringan")
        verbose_name_plural = _("jaringan")
        indexes = [
            # An office's networks: region code prefix.
            models.Index(fields=["region"], name="network_region"),
        ]

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """Anggota jaringan: one organisation's standing in a network, with its dates.

    berkomitmen (pledged on a day, not yet joined: "100 koperasi berkomitmen bergabung") → anggota
    (joined on a day) → keluar (left on a day, not before joining). Rejoining after leaving adds a
    new row, so the history stays; an organisation has at most one current (pledged or member) row
    per network.
    """

    State = NetworkMemberState

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="network_memberships", verbose_name=_("organisasi")
    )
    state = models.CharField(
        _("keadaan"), max_length=8, choices=NetworkMemberState.choices, default=NetworkMemberState.MEMBER
    )
    pledged_on = models.DateField(_("berkomitmen pada"), null=True, blank=True)
    joined_on = models.DateField(_("bergabung pada"), null=True, blank=True)
    left_on = models.DateField(_("keluar pada"), null=True, blank=True)

    class Meta:
        db_table = "purchasing_networkmember"
        ordering = ["organization__name", "id"]
        verbose_name = _("anggota jaringan")
        verbose_name_plural = _("anggota jaringan")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"],
                condition=models.Q(state__in=["pledged", "member"]),
                name="networkmember_one_current",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="pledged") | models.Q(joined_on__isnull=True, left_on__isnull=True),
                name="networkmember_pledged_not_joined",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="member") | models.Q(joined_on__isnull=False, left_on__isnull=True),
                name="networkmember_member_joined",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="left")
                | (
                    models.Q(left_on__isnull=False)
                    & (models.Q(joined_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")))
                ),
                name="networkmember_left_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ∈ {self.network}"

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_NETWORK_STATES
