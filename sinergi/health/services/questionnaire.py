"""The management questionnaire (aspect 3): its default wording and the versions admins publish."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.core.audit import audit_record
from sinergi.health.access import may_edit_questionnaire
from sinergi.health.models import Question, QuestionnaireVersion
from sinergi.health.scoring import questionnaire as default_questionnaire
from sinergi.health.scoring.report import MANAGEMENT_GROUPS


def questionnaire_current() -> QuestionnaireVersion:
    """The questionnaire new reports answer; the default wording is stored on first use."""
    version = QuestionnaireVersion.objects.filter(is_current=True).first()
    return version if version is not None else questionnaire_seed(actor=None)


@transaction.atomic
def questionnaire_seed(*, actor) -> QuestionnaireVersion:
    """Store the default wording (`scoring.questionnaire`, VERSION) as the current version when no
    version is current. Idempotent."""
    current = QuestionnaireVersion.objects.select_for_update().filter(is_current=True).first()
    if current is not None:
        return current
    version, created = QuestionnaireVersion.objects.get_or_create(
        code=default_questionnaire.VERSION,
        defaults={"note": _("Rumusan bawaan Sinergi"), "is_current": True, "created_by": actor},
    )
    if created:
        _store_questions(
            version,
            {(q.group, q.number): (q.text, q.text_en) for q in default_questionnaire.questions()},
        )
    elif not version.is_current:
        version.is_current = True
        version.save(update_fields=["is_current"])
    return version


def _store_questions(version: QuestionnaireVersion, texts: dict) -> None:
    rows, position = [], 0
    for group, size in MANAGEMENT_GROUPS:
        for number in range(1, size + 1):
            position += 1
            text, text_en = texts[(group, number)]
            rows.append(
                Question(
                    version=version, group=group, number=number, position=position, text=text, text_en=text_en
                )
            )
    Question.objects.bulk_create(rows)


def _next_version_code(today: dt.date) -> str:
    taken = set(
        QuestionnaireVersion.objects.filter(code__startswith=f"{today.year}.").values_list("code", flat=True)
    )
    number = 1
    while f"{today.year}.{number}" in taken:
        number += 1
    return f"{today.year}.{number}"


@transaction.atomic
def questionnaire_version_create(*, actor, texts: dict, note: str) -> QuestionnaireVersion:
    """Publish a new wording of the 38 questions; the previous version is kept for the reports that
    answered it. `texts` maps (group, number) to (text, text in English)."""
    if not may_edit_questionnaire(actor):
        raise PermissionDenied(_("Hanya admin yang dapat mengubah kuesioner manajemen."))
    errors = {}
    for group, size in MANAGEMENT_GROUPS:
        for number in range(1, size + 1):
            text = (texts.get((group, number)) or ("", ""))[0].strip()
            if not text:
                errors[f"{group}_{number}"] = _("Pertanyaan wajib diisi.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Tuliskan apa yang berubah.")
    if errors:
        raise ValidationError(errors)
    previous = questionnaire_current()
    QuestionnaireVersion.objects.filter(pk=previous.pk).update(is_current=False)
    version = QuestionnaireVersion.objects.create(
        code=_next_version_code(timezone.localdate()), note=note, is_current=True, created_by=actor
    )
    _store_questions(
        version, {key: (value[0].strip(), (value[1] or "").strip()) for key, value in texts.items()}
    )
    audit_record(
        actor=actor,
        action="questionnaire.version",
        obj=version,
        before={"version": previous.code},
        after={"version": version.code, "note": note},
    )
    return version
