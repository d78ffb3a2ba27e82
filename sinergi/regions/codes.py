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


# Kemendagri code shapes by level: province 32, regency 32.71, district 32.71.03, village 32.71.03.1002.
_LEVEL_PATTERNS = (r"\d{2}", r"\.\d{2}", r"\.\d{2}", r"\.\d{4}")


def code_pattern(min_level: int = 1) -> str:
    """A regular expression for a code of level `min_level` or deeper (for published API schemas)."""
    deeper = ""
    for part in reversed(_LEVEL_PATTERNS[min_level:]):
        deeper = f"(?:{part}{deeper})?"
    return "^" + "".join(_LEVEL_PATTERNS[:min_level]) + deeper + "$"

