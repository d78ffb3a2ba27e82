"""Kemendagri codes nest by prefix: `32.71.03.1002` lies in `32.71.03`, `32.71` and `32`."""

from __future__ import annotations


def ancestor_codes(code: str) -> list[str]:
    """Codes from the province down to `code`: 32, 32.71, 32.71.03, 32.71.03.1002."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def code_within(code: str | None, scope: str) -> bool:
    """True when region `code` is `scope` itself or lies inside it."""
    if not code:
        return False
    return code == scope or code.startswith(scope + ".")


def code_level(code: str) -> int:
    return code.count(".") + 1
