import sqlite3
import subprocess
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from sinergi.core.backup import BackupError, backup_database, restore_database
from sinergi.regions.models import Region


# The SQLite backup API cannot copy a database while a transaction holds it: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_backup_contains_the_data(tmp_path):
    path = tmp_path / "cadangan.db"
    result = backup_database(path)
    assert result.size_bytes > 0
    regions = Region.objects.count()
    if connection.vendor == "sqlite":
        with sqlite3.connect(path) as db:
            assert db.execute("select count(*) from regions_region").fetchone()[0] == regions
    else:
        listing = subprocess.run(["pg_restore", "-l", str(path)], capture_output=True, text=True, check=True)
        assert "TABLE DATA public regions_region" in listing.stdout


@pytest.mark.django_db(transaction=True)
def test_restore_into_another_target(tmp_path):
    path = tmp_path / "cadangan.db"
    backup_database(path)
    regions = Region.objects.count()
    if connection.vendor == "sqlite":
        target = tmp_path / "pulih.db"
        restore_database(path, target_name=str(target))
        with sqlite3.connect(target) as db:
            assert db.execute("select count(*) from regions_region").fetchone()[0] == regions
    else:
        name = f"sinergi_restore_{uuid.uuid4().hex[:8]}"
        settings = connection.settings_dict
        base = ["-h", settings["HOST"] or "127.0.0.1", "-U", settings["USER"] or "postgres"]
        subprocess.run(["createdb", *base, name], check=True)
        try:
            restore_database(path, target_name=name)
            out = subprocess.run(
                ["psql", *base, "-d", name, "-tAc", "select count(*) from regions_region"],
                capture_output=True,
                text=True,
                check=True,
            )
            assert int(out.stdout.strip()) == regions
        finally:
            subprocess.run(["dropdb", *base, name], check=False)


def test_restore_refuses_missing_file(tmp_path):
    with pytest.raises(BackupError):
        restore_database(tmp_path / "tidak-ada.db")


@pytest.mark.django_db(transaction=True)
def test_backup_command_prints_summary(tmp_path, capsys):
    call_command("backup", str(tmp_path / "b.db"))
    assert "tersimpan" in capsys.readouterr().out
