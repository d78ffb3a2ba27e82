"""Materials shared with an event's participants: slides, handouts, the agenda."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.events.access import may_manage
from sinergi.events.models import Event, Material
from sinergi.events.rules import content_type_of, material_problem, read_upload
from sinergi.events.services.common import audit, locked, refuse

MAX_MATERIALS = 30


@transaction.atomic
def material_add(*, actor, event: Event, title: str, upload) -> Material:
    """Attach a file to an event; its type is checked by its content, not only its name."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mengunggah materi kegiatan ini."))
    event = locked(event)
    if event.materials.count() >= MAX_MATERIALS:
        raise ValidationError({"file": _("Paling banyak %(n)s materi per kegiatan.") % {"n": MAX_MATERIALS}})
    name, head, names = read_upload(upload)
    if code := material_problem(name, upload.size, head, names):
        raise refuse("file", code)
    title = (title or "").strip() or name
    material = Material(
        event=event,
        title=title[:200],
        name=name,
        content_type=content_type_of(name),
        size=upload.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    material.file.save(name, upload, save=False)
    material.save()
    audit(
        actor, "event.material_add", event, event, after={"material": material.title, "size": material.size}
    )
    return material


@transaction.atomic
def material_remove(*, actor, material: Material) -> None:
    event = material.event
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak menghapus materi kegiatan ini."))
    locked(event)
    audit(actor, "event.material_remove", event, event, before={"material": material.title})
    stored = material.file.name
    storage = material.file.storage
    material.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(stored))
