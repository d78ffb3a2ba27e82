"""Backups of the whole database: SQLite through its online backup API, PostgreSQL with pg_dump.

The SQLite backup API copies a consistent snapshot while the app keeps running (readers and the
writer are not stopped). PostgreSQL dumps use the custom format so `pg_restore` can restore
selectively and in parallel. See docs/operations.md for the procedure.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupResult:
    path: str
    engine: str
    size_bytes: int


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"unsupported database: {vendor}")
    return vendor


def _pg_env(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)"
        )
    return path


def _private_file(path: Path) -> None:
    """Create `path` empty, readable and writable by its owner only, before any data goes in.

    A backup holds every NIK, phone and address in the registry. sqlite3 and pg_dump would create
    the file with the process umask (usually world-readable); they keep the mode of a file that
    already exists, so it is made owner-only first. An existing file keeps its old mode through
    open(), hence the chmod.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def backup_database(path: str | Path, *, alias: str = "default") -> BackupResult:
    """Write a consistent copy of the database to `path`, readable by its owner only."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    connection = connections[alias]
    _private_file(target)
    if engine == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(str(target))
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        settings_dict = connection.settings_dict
        args, env = _pg_env(settings_dict)
        cmd = [_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target), *args, settings_dict["NAME"]]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BackupError(done.stderr.strip() or "pg_dump failed")
    return BackupResult(path=str(target), engine=engine, size_bytes=target.stat().st_size)


def restore_database(
    path: str | Path, *, alias: str = "default", target_name: str | None = None
) -> BackupResult:
    """Replace the database's content with the backup at `path`.

    `target_name` restores into another PostgreSQL database or SQLite file instead of the live one.
    """
    source = Path(path)
    if not source.is_file():
        raise BackupError(f"backup not found: {source}")
    engine = _engine(alias)
    connection = connections[alias]
    if engine == "sqlite":
        with sqlite3.connect(str(source)) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("the backup file is damaged (integrity_check failed)")
        if target_name:
            _private_file(Path(target_name))
            destination = sqlite3.connect(target_name)
            try:
                sqlite3.connect(str(source)).backup(destination)
            finally:
                destination.close()
        else:
            connection.ensure_connection()
            sqlite3.connect(str(source)).backup(connection.connection)
    else:
        settings_dict = connection.settings_dict
        args, env = _pg_env(settings_dict)
        name = target_name or settings_dict["NAME"]
        if not target_name:
            connections.close_all()
        cmd = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "-d", name, *args, str(source)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BackupError(done.stderr.strip() or "pg_restore failed")
    return BackupResult(path=str(source), engine=engine, size_bytes=source.stat().st_size)
