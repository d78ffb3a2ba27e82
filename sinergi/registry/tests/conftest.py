import csv

import pytest


@pytest.fixture
def write_csv(tmp_path):
    """Write rows (the first is the header) to a CSV file and return its path."""

    def write(rows, name="data.csv", delimiter=","):
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
        return path

    return write
