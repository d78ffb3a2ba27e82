"""Forms of the health pages: shape only; every rule is in the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.core.money import MoneyError, parse_money
from sinergi.health.fields import HELP, SECTIONS, label
from sinergi.health.models import QuestionGroup
from sinergi.health.scoring import RULE_SETS
from sinergi.health.scoring.report import AMOUNT_FIELDS, MANAGEMENT_GROUPS

YES, NO = "ya", "tidak"
ANSWER_CHOICES = [(YES, _("Ya")), (NO, _("Tidak"))]


def money_text(value: Decimal | None) -> str:
    """An amount as an office writes it: 1.250.000 or 1.250.000,50 (parse_money reads it back)."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    whole, _dot, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" + ("" if cents == "00" else f",{cents}")


class MoneyField(forms.CharField):
    """A Rupiah amount typed the Indonesian way ("1.250.000", "Rp 1,5 jt"); blank is missing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 40})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return money_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_money(text)
        except MoneyError:
            raise forms.ValidationError(_("Bukan jumlah uang yang sah: %(v)s"), params={"v": text}) from None


# The figures of the report that add up, shown as running totals while the form is filled in. Each
# sums its terms (with their factors) and is compared with a figure typed elsewhere: "equal" warns
# when they differ, "at_most" when the sum is larger (the same bounds as `checks`).
RUNNING_TOTALS = (
    {
        "code": "modal_sendiri",
        "label": _("Modal sendiri dari rinciannya"),
        "terms": (
            ("simpanan_pokok", "1"),
            ("simpanan_wajib", "1"),
            ("simpanan_lain_berkarakter_wajib", "1"),
            ("hibah", "1"),
            ("cadangan", "1"),
            ("modal_penyertaan", "0.5"),
        ),
        "compare": "modal_sendiri",
        "kind": "equal",
        "note": _("Berbeda dari modal sendiri yang diisi."),
    },
    {
        "code": "kas_bank",
        "label": _("Kas + bank"),
        "terms": (("kas", "1"), ("bank", "1")),
        "compare": "total_aset",
        "kind": "at_most",
        "note": _("Melebihi total aset."),
    },
    {
        "code": "pinjaman_bermasalah",
        "label": _("Pinjaman kurang lancar + diragukan + macet"),
        "terms": (("pinjaman_kurang_lancar", "1"), ("pinjaman_diragukan", "1"), ("pinjaman_macet", "1")),
        "compare": "pinjaman_diberikan",
        "kind": "at_most",
        "note": _("Melebihi pinjaman yang diberikan."),
    },
    {
        "code": "shu",
        "label": _("SHU kotor − beban usaha − beban perkoperasian"),
        "terms": (("shu_kotor", "1"), ("beban_usaha", "-1"), ("beban_perkoperasian", "-1")),
        "compare": "shu_sebelum_pajak",
        "kind": "equal",
        "note": _("Berbeda dari SHU sebelum pajak yang diisi; periksa pendapatan dan beban lain-lain."),
    },
)


def running_totals() -> list[dict]:
    """The running totals as the form page writes them into data attributes."""
    return [
        {**total, "terms_attr": " ".join(f"{name}:{factor}" for name, factor in total["terms"])}
        for total in RUNNING_TOTALS
    ]


def question_field_name(group: str, number: int) -> str:
    return f"q_{group}_{number}"


class AnnualReportForm(forms.Form):
    """The whole annual report on one page: year, RAT date, the figures by section, and the
    management questionnaire of the report's version."""

    cooperative = forms.TypedChoiceField(label=_("Koperasi"), coerce=int)
    year = forms.IntegerField(label=_("Tahun buku"), min_value=1945, max_value=2200)
    rat_date = forms.DateField(
        label=_("Tanggal RAT"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Tanggal Rapat Anggota Tahunan yang mengesahkan laporan ini (wajib sebelum diajukan)."),
    )

    def __init__(self, *args, version, cooperatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cooperatives is None:
            del self.fields["cooperative"]
        else:
            self.fields["cooperative"].choices = [(c.pk, c.organization.name) for c in cooperatives]
        for name in AMOUNT_FIELDS:
            self.fields[name] = MoneyField(label=label(name).capitalize(), help_text=HELP.get(name, ""))
        english = (get_language() or "id").startswith("en")
        self.question_rows = []
        for question in version.questions.order_by("position"):
            name = question_field_name(question.group, question.number)
            self.fields[name] = forms.ChoiceField(
                label=(question.text_en if english and question.text_en else question.text),
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.question_rows.append((question.group, name))

    @staticmethod
    def initial_for(report) -> dict:
        initial = {"year": report.year, "rat_date": report.rat_date}
        for name in AMOUNT_FIELDS:
            initial[name] = getattr(report, name)
        for group, answers in (report.manajemen or {}).items():
            for number, answer in enumerate(answers or [], start=1):
                if answer is not None:
                    initial[question_field_name(group, number)] = YES if answer else NO
        return initial

    def sections(self) -> list[dict]:
        return [
            {"code": code, "title": title, "fields": [self[name] for name in names]}
            for code, title, names in SECTIONS
        ]

    def question_groups(self) -> list[dict]:
        titles = dict(QuestionGroup.choices)
        return [
            {
                "code": group,
                "title": titles[group],
                "fields": [self[name] for g, name in self.question_rows if g == group],
            }
            for group, _size in MANAGEMENT_GROUPS
        ]

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in AMOUNT_FIELDS}

    def manajemen(self) -> dict:
        answers = {}
        for group, size in MANAGEMENT_GROUPS:
            row = []
            for number in range(1, size + 1):
                value = self.cleaned_data.get(question_field_name(group, number))
                row.append(True if value == YES else False if value == NO else None)
            answers[group] = row
        return answers


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan pemeriksa"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib saat mengembalikan laporan: tuliskan apa yang perlu diperbaiki."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Lampiran"),
        help_text=_("PDF, JPG, PNG, atau XLSX: notulen RAT, laporan keuangan yang disahkan."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Satu baris per laporan; judul kolom sesuai templat."),
    )
    submit = forms.BooleanField(label=_("Ajukan laporan setelah diimpor"), required=False)
    dry_run = forms.BooleanField(label=_("Uji saja, jangan simpan"), required=False)


class RescoreForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun buku"), min_value=1945, max_value=2200)
    rules = forms.ChoiceField(
        label=_("Aturan penilaian"), choices=[(code, rs.name) for code, rs in RULE_SETS.items()]
    )


class QuestionnaireForm(forms.Form):
    """A new wording of the 38 questions, prefilled with the current one."""

    note = forms.CharField(label=_("Catatan perubahan"), max_length=300)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for question in version.questions.order_by("position"):
            key = f"{question.group}_{question.number}"
            self.fields[key] = forms.CharField(
                label=_("Pertanyaan %(n)s") % {"n": question.number},
                initial=question.text,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{key}_en"] = forms.CharField(
                label=_("Dalam bahasa Inggris"),
                initial=question.text_en,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((question.group, self[key], self[f"{key}_en"]))

    def texts(self) -> dict:
        texts = {}
        for group, size in MANAGEMENT_GROUPS:
            for number in range(1, size + 1):
                key = f"{group}_{number}"
                texts[(group, number)] = (
                    self.cleaned_data.get(key, ""),
                    self.cleaned_data.get(f"{key}_en", ""),
                )
        return texts

    def groups(self) -> list[dict]:
        titles = dict(QuestionGroup.choices)
        return [
            {
                "title": titles[group],
                "rows": [(text, text_en) for g, text, text_en in self.rows if g == group],
            }
            for group, _size in MANAGEMENT_GROUPS
        ]
