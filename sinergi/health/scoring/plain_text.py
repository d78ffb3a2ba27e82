"""An assessment as a plain-text table for a terminal (the `health_assess` command without --json)."""

from __future__ import annotations

from sinergi.health.scoring.decimals import display, plain_number
from sinergi.health.scoring.results import Assessment, ComponentResult

_NAME_WIDTH = 44


def _cell(value) -> str:
    return "–" if value is None else str(value)


def _short(text: str) -> str:
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"


def _component_row(component: ComponentResult) -> str:
    if component.assessable:
        band = component.band or ""
        if component.note:
            band = f"{band} ({component.note})" if band else component.note
    else:
        band = "tidak dapat dinilai / not assessable: " + ", ".join(component.missing)
    ratio, skor = _cell(display(component.ratio)), _cell(display(component.skor))
    return (
        f"  {component.code:<4} {_short(component.name):<{_NAME_WIDTH}} {ratio:>9} "
        f"{_cell(component.nilai):>5} {plain_number(component.bobot):>5} {skor:>6}  {band}"
    )


def assessment_text(assessment: Assessment) -> str:
    """Every component with ratio, nilai, bobot, skor and the band matched; aspects; total; predicate."""
    year = f", tahun / year {assessment.year}" if assessment.year is not None else ""
    lines = [f"Penilaian kesehatan koperasi / Cooperative health assessment: {assessment.rules_name}{year}"]
    if not assessment.official and assessment.scaling is not None:
        lines.append("INDIKATIF, TIDAK RESMI / INDICATIVE, UNOFFICIAL: " + assessment.scaling.explanation)
    lines.append(
        f"  {'Kode':<4} {'Komponen / Component':<{_NAME_WIDTH}} {'Rasio %':>9} {'Nilai':>5} {'Bobot':>5} "
        f"{'Skor':>6}  Pita / Band"
    )
    for aspect in assessment.aspects:
        label = aspect.label_indicative or "–"
        lines.append(
            f"{aspect.name} / {aspect.name_en}: {display(aspect.score)} / {display(aspect.max)}"
            f" (indikatif / indicative: {label})"
        )
        lines.extend(_component_row(component) for component in aspect.components)
    if assessment.scaling is not None:
        lines.append(
            f"Jumlah skor / Sum of scores: {display(assessment.scaling.raw_total)}"
            f" / {display(assessment.scaling.applicable_max)}"
        )
    if assessment.predicate is not None:
        predicate = f"{assessment.predicate_label} / {assessment.predicate_label_en} ({assessment.predicate})"
    else:
        predicate = "– (belum lengkap / incomplete)"
    lines.append(f"Total: {display(assessment.total)}   Predikat / Predicate: {predicate}")
    if assessment.missing:
        lines.append("Data kurang / Missing: " + ", ".join(assessment.missing))
    return "\n".join(lines)
