"""The embedded PostgreSQL: known by its system identifier, and runnable as root from a folder
nobody else may enter, without changing the mode of any folder outside the project."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncpg
import pytest

from backend.http.errors import is_unavailable
from backend.platform import db, embedded


def _modes(path: Path) -> dict[str, int]:
    return {str(p): stat.S_IMODE(p.stat().st_mode) for p in [path, *path.parents]}


async def test_the_app_refuses_a_postgres_that_is_not_its_own(tmp_path, monkeypatch):
    """The probe: the embedded PostgreSQL restarted on another port, and the API talked to
    another instance's database. Here another instance answers on the very port."""
    ours = embedded.start_postgres(tmp_path / "ours", database="app", port=55810)
    port = int(ours.url.rsplit(":", 1)[1].split("/")[0])
    try:
        conn = await asyncpg.connect(ours.url)
        try:
            served = await conn.fetchval("SELECT system_identifier FROM pg_control_system()")
        finally:
            await conn.close()
        assert str(served) == ours.system_identifier
        assert ours.system_identifier == embedded.read_system_identifier(ours.data_path)
    finally:
        ours.stop()
    monkeypatch.setattr(embedded, "free_port", lambda preferred: preferred)
    other = embedded.start_postgres(tmp_path / "other", database="app", port=port)
    try:
        assert other.url == ours.url and other.system_identifier != ours.system_identifier
        with pytest.raises(db.WrongDatabase) as refused:
            await asyncpg.create_pool(ours.url, min_size=1, max_size=1,
                                      init=db._same_instance(ours.system_identifier))
        assert is_unavailable(refused.value)  # requests meanwhile: 503, nothing written
        pool = await asyncpg.create_pool(other.url, min_size=1, max_size=1,
                                         init=db._same_instance(other.system_identifier))
        await pool.close()
    finally:
        other.stop()
        embedded.discard_postgres_data(tmp_path / "ours")
        embedded.discard_postgres_data(tmp_path / "other")


@pytest.mark.skipif(os.geteuid() != 0, reason="the layout for root only")
async def test_as_root_from_a_0700_folder_without_touching_other_folders(tmp_path):
    private = tmp_path / "x700"
    private.mkdir(mode=0o700)
    data_dir = private / "clone" / ".data" / "postgres"
    before = _modes(private)
    pg = embedded.start_postgres(data_dir, database="app", port=55820)
    try:
        conn = await asyncpg.connect(pg.url)
        try:
            assert await conn.fetchval("SELECT current_user") == "postgres"
        finally:
            await conn.close()
        exe = Path(os.readlink(f"/proc/{pg.proc.pid}/exe"))
        assert exe.is_relative_to(embedded.SHARED_ROOT), exe  # not the 0700 clone's .venv
        assert os.stat(f"/proc/{pg.proc.pid}").st_uid != 0  # PostgreSQL never runs as root
    finally:
        pg.stop()
    assert _modes(private) == before  # no search permission added anywhere
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert data_dir.is_symlink() and Path(os.readlink(data_dir)) == pg.data_path
    info = pg.data_path.stat()
    assert info.st_uid != 0 and stat.S_IMODE(info.st_mode) == 0o700
    # Started again: the same data (the same cluster), not a new one.
    again = embedded.start_postgres(data_dir, database="app", port=55820)
    try:
        assert again.system_identifier == pg.system_identifier
    finally:
        again.stop()
    embedded.discard_postgres_data(data_dir)
    assert not data_dir.exists() and not pg.data_path.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="the layout for root only")
def test_data_whose_folder_is_gone_is_collected(tmp_path):
    home = embedded.SHARED_ROOT / "data-0000000000000000"
    (home / "pgdata").mkdir(parents=True, exist_ok=True)
    (home / "origin").write_text(str(tmp_path / "gone" / "postgres"))
    embedded._collect_orphans()
    assert not home.exists()
