"""Every write of the events slice: one function per change, each audited."""

from sinergi.events.services.attendance import (
    ATTENDANCE_WATCHERS,
    attendance_mark,
    attendance_unmark,
    registration_add,
    registration_cancel,
)
from sinergi.events.services.events import (
    event_cancel,
    event_create,
    event_update,
    invitation_add,
    invitation_remove,
)
from sinergi.events.services.materials import material_add, material_remove

__all__ = [
    "ATTENDANCE_WATCHERS",
    "attendance_mark",
    "attendance_unmark",
    "event_cancel",
    "event_create",
    "event_update",
    "invitation_add",
    "invitation_remove",
    "material_add",
    "material_remove",
    "registration_add",
    "registration_cancel",
]
