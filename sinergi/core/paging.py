"""Pagination without COUNT(*): a page of a million-row list costs the same as one of a thousand.

The page fetches one row more than it shows to know whether a next page exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# The last page a list shows: ten thousand pages of 25 to 100 rows is further than anyone reads
# (searching is quicker), and a bound keeps an absurd page number (10^20) from reaching the
# database, where its offset overflows a 64-bit integer.
MAX_PAGE = 10_000


@dataclass
class Page:
    items: list
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def page_of(qs, number, size: int = 25, max_page: int = MAX_PAGE) -> Page:
    try:
        number = max(1, min(int(number or 1), max_page))
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * size
    rows = list(qs[offset : offset + size + 1])
    return Page(items=rows[:size], number=number, size=size, has_next=len(rows) > size)


class PageInput(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(None, ge=1)


class ApiPagination(PageNumberPagination):
    """The API's page-number pagination, with the page number bounded as on the pages (`MAX_PAGE`):
    a larger one is refused (422) rather than sent to the database."""

    Input = PageInput
