"""Filters of the event list: one definition for the HTML page and the API."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sinergi.events.models import EventKind

WHEN = ("upcoming", "past")


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    kind: str = ""
    when: str = ""

    @classmethod
    def from_params(cls, params) -> EventFilters:
        kind = (params.get("kind") or "").strip()
        when = (params.get("when") or "").strip()
        return cls(
            q=(params.get("q") or "").strip()[:100],
            kind=kind if kind in EventKind.values else "",
            when=when if when in WHEN else "",
        )

    def as_params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
