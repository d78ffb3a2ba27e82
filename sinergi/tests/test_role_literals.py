"""Who may do what is decided by named predicates (`Reach` in accounts/scoping.py, a slice's
access module), never by a role written out where it is used. A role spelt `Role.ADMIN` or
"admin" in a view, a selector or a service is a permission rule with a second copy; this test
finds them.

A role is flagged when the code compares something named `role` with it, passes it as a `role`
keyword, or lists it in a set, list or tuple of roles. Strings that merely look like a role ("owner"
as a duplicate-matching reason, "pengurus" as the board a person sits on) are left alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sinergi.accounts.models import Role

PACKAGE = Path(__file__).resolve().parent.parent
ROLE_VALUES = frozenset(Role.values)

# The modules allowed to name roles: where they are defined, where permissions are decided
# (accounts/scoping.py, each slice's access.py), demo data, the schema history and the tests.
ALLOWED_FILES = {"accounts/models.py", "accounts/scoping.py"}
ALLOWED_NAMES = {"access.py", "demo.py"}
ALLOWED_FOLDERS = {"demo", "migrations", "tests"}


def _allowed(relative: Path) -> bool:
    return (
        relative.as_posix() in ALLOWED_FILES
        or relative.name in ALLOWED_NAMES
        or bool(ALLOWED_FOLDERS & set(relative.parts[:-1]))
    )


def _is_role_string(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ROLE_VALUES


def _names_role(node: ast.AST) -> bool:
    """`role`, `membership.role`, `m.role`, `roles`: an expression that holds a role."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name in ("role", "roles") or name.endswith("_role") or name.endswith("_roles")


def _is_role_keyword(name: str | None) -> bool:
    """`role=` and lookups such as `memberships__role=`."""
    return bool(name) and (name == "role" or name.endswith("__role"))


def _all_roles(elements: list[ast.expr]) -> bool:
    return bool(elements) and all(_is_role_string(e) for e in elements)


def role_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every role written out in `source`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
            and node.attr.isupper()
        ):
            found.append((node.lineno, f"Role.{node.attr}"))
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_role(o) for o in operands):
                found += [(o.lineno, o.value) for o in operands if _is_role_string(o)]
        elif isinstance(node, ast.keyword) and _is_role_keyword(node.arg) and _is_role_string(node.value):
            found.append((node.value.lineno, node.value.value))
        elif isinstance(node, ast.Set | ast.List | ast.Tuple) and _all_roles(node.elts):
            found += [(e.lineno, e.value) for e in node.elts]
        elif isinstance(node, ast.Name) and _is_role_set_name(node.id):
            # A set of roles (`SUPPLIER_ROLES`) used where a page or selector decides is the same
            # rule written again as surely as a role spelt out.
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.alias) and _is_role_set_name(node.asname or node.name):
            found.append((getattr(node, "lineno", 0), node.asname or node.name))
    return sorted(set(found))


def _is_role_set_name(name: str) -> bool:
    return name.isupper() and name.endswith("_ROLES")


def test_the_detector_finds_each_way_of_writing_a_role():
    source = "\n".join(
        [
            "if membership.role != 'pengawas': pass",  # 1
            "codes = reach.office_codes(frozenset({'admin', 'staff'}))",  # 2
            "Membership.objects.filter(role=Role.SUPPLIER)",  # 3
            "qs.filter(memberships__role='supplier')",  # 4
            "if 'owner' in reasons: pass",  # 5: a matching reason, not a role
            "CHOICES = [('pengurus', _('Pengurus')), ('pengawas', _('Pengawas'))]",  # 6: a board
            "key = ('owner', r.district)",  # 7
            "ids = reach.organization_ids(SUPPLIER_ROLES)",  # 8: a role set
        ]
    )
    assert role_literals(source) == [
        (1, "pengawas"),
        (2, "admin"),
        (2, "staff"),
        (3, "Role.SUPPLIER"),
        (4, "supplier"),
        (8, "SUPPLIER_ROLES"),
    ]


def test_roles_are_named_only_where_permissions_are_decided():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if _allowed(relative):
            continue
        for line, text in role_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative}:{line}: {text}")
    assert offenders == []
