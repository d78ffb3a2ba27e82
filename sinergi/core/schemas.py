"""What every slice's API shares: the error shape, and text fields that follow the text rule.

Every error the API answers is `ErrorOut`. The API itself documents the answers it gives to any
operation (401 without valid credentials, 422 for input of the wrong shape); each operation declares
the others it really gives with `errors(...)`: 400 when a rule refuses a value, 403 when the caller
may not act, 404 when the object is not in the caller's reach, 409 on a conflicting write.

`Line` (one line) and `Lines` (a note, may span lines) are `str` fields judged by the one text rule
(`core.text`), whose pattern the published schema carries.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from sinergi.core.text import MULTI_LINE_PATTERN, SINGLE_LINE_PATTERN, problem_message, text_problem


class ErrorOut(Schema):
    """An error: a message in the caller's language, and for refused input the messages per field
    (`"__all__"` for those about the whole input)."""

    detail: str
    errors: dict[str, list[str]] | None = None


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation gives besides 401 and 422, for its `response=` mapping."""
    return dict.fromkeys(codes, ErrorOut)


def _judged(multiline: bool):
    def judge(value: str) -> str:
        code = text_problem(value, multiline=multiline)
        if code:
            raise PydanticCustomError("text_refused", problem_message(code, value=value, multiline=multiline))
        return value

    return judge


# A `str` that holds one line of text: a name, a number, a code, a search.
Line = Annotated[
    str, AfterValidator(_judged(multiline=False)), Field(json_schema_extra={"pattern": SINGLE_LINE_PATTERN})
]
# A `str` that may span lines: a reason, a note, a comment.
Lines = Annotated[
    str, AfterValidator(_judged(multiline=True)), Field(json_schema_extra={"pattern": MULTI_LINE_PATTERN})
]


def max_length(model, field: str) -> int:
    """The longest value the model's column `field` stores, for a schema's `max_length`."""
    return model._meta.get_field(field).max_length


def published(**keywords):
    """JSON-schema keywords (`minimum`, `maximum`, `maxLength`, `pattern`, `enum`) for a value a rule
    judges in the service, where it is refused with the rule's own reason (400), the same through
    every door: the published schema tells clients the bound, the schema does not refuse it first."""
    return Field(json_schema_extra=keywords)


# The largest primary key the databases store (a signed 64-bit integer). A larger or negative
# number names no object; it is refused as input of the wrong shape rather than sent to the
# database, which cannot even compare it with a key (SQLite raises OverflowError).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
