"""Every table the migrations make has a Piccolo Table class, column for column (name, type,
length, nullability, primary key), so the query builder and the schema cannot drift apart."""

from __future__ import annotations

import asyncpg
from piccolo.columns import ForeignKey

from backend.platform.piccolo_app import TABLES

# Piccolo's column types -> PostgreSQL's udt names (information_schema.columns.udt_name).
UDT = {"UUID": "uuid", "VARCHAR": "varchar", "TEXT": "text", "DATE": "date",
       "TIMESTAMPTZ": "timestamptz", "BIGINT": "int8", "BIGSERIAL": "int8", "INTEGER": "int4",
       "SERIAL": "int4", "SMALLINT": "int2", "BOOLEAN": "bool", "JSONB": "jsonb",
       "BYTEA": "bytea", "DATE[]": "_date", "TEXT[]": "_text"}


def _declared(column) -> tuple[str, int | None, bool]:
    """(udt name, varchar length, nullable) of a Piccolo column."""
    target = column
    if isinstance(column, ForeignKey):
        target = column._foreign_key_meta.resolved_references._meta.primary_key
    kind = target.column_type.split("(")[0]
    length = getattr(target, "length", None) if kind == "VARCHAR" else None
    return UDT[kind], length, column._meta.null


async def _schema(database_url: str):
    conn = await asyncpg.connect(database_url)
    try:
        tables = {r["tablename"] for r in await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")} - {"migration"}
        columns = {}
        for r in await conn.fetch(
                "SELECT table_name, column_name, udt_name, character_maximum_length, is_nullable "
                "FROM information_schema.columns WHERE table_schema = 'public'"):
            columns.setdefault(r["table_name"], {})[r["column_name"]] = (
                r["udt_name"], r["character_maximum_length"], r["is_nullable"] == "YES")
        keys = {}
        for r in await conn.fetch(
                "SELECT tc.table_name, tc.constraint_type, kcu.column_name "
                "FROM information_schema.table_constraints tc "
                "JOIN information_schema.key_column_usage kcu "
                "ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name "
                "WHERE tc.table_schema = 'public' "
                "AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')"):
            keys.setdefault((r["table_name"], r["constraint_type"]), set()).add(r["column_name"])
        return tables, columns, keys
    finally:
        await conn.close()


async def test_every_table_has_a_table_class_matching_the_migrated_schema(services):
    tables, columns, keys = await _schema(services[0])
    declared = {t._meta.tablename: t for t in TABLES}
    assert len(declared) == len(TABLES), "a table is declared twice"
    assert set(declared) == tables, {"without a class": tables - set(declared),
                                     "without a table": set(declared) - tables}
    for name, table in declared.items():
        mine = {c._meta.db_column_name: _declared(c) for c in table._meta.columns}
        assert mine == columns[name], name
        primary = table._meta.primary_key._meta.db_column_name
        db_primary = keys.get((name, "PRIMARY KEY"), set())
        if len(db_primary) == 1:
            assert {primary} == db_primary, name
        elif db_primary:  # a composite key: Piccolo's one column is part of it
            assert primary in db_primary, name
        else:  # no primary key: Piccolo's stands for a unique, NOT NULL column
            assert primary in keys.get((name, "UNIQUE"), set()) and not columns[name][primary][2]


def test_there_are_as_many_table_classes_as_tables_in_the_migrations():
    from pathlib import Path

    import backend.platform.migrations as migrations

    text = "".join(p.read_text() for p in Path(migrations.__file__).parent.glob("2*.py"))
    assert text.count("CREATE TABLE ") == len(TABLES)



async def test_the_large_json_values_of_a_creation_are_not_compressed_with_pglz(services):
    """``quickjob.simulation`` and ``idempotency_record.body``: lz4 where the server has it,
    else stored as they are (migration 2026_12_04t10: pglz cost PostgreSQL's CPU)."""
    conn = await asyncpg.connect(services[0])
    try:
        found = {(r["relname"], r["attname"]): (r["attcompression"], r["attstorage"])
                 for r in await conn.fetch(
                     "SELECT c.relname, a.attname, a.attcompression::text, a.attstorage::text "
                     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                     "WHERE (c.relname, a.attname) IN "
                     "(('quickjob', 'simulation'), ('idempotency_record', 'body'))")}
        lz4 = found[("quickjob", "simulation")][0] == "l"
        assert set(found.values()) == ({("l", "x")} if lz4 else {("", "e")})
        # A stored answer as large as a creation's, written and read back (then undone).
        large = ('{"lines": "' + "Brutoloon volgens de barema's van PC 200. " * 300
                 + '"}').encode()
        tx = conn.transaction()
        await tx.start()
        try:
            await conn.execute("INSERT INTO idempotency_record (scope_key, request_hash, body) "
                               "VALUES ('probe', 'probe', $1)", large)
            stored = await conn.fetchrow("SELECT pg_column_compression(body) AS method, body "
                                         "FROM idempotency_record WHERE scope_key = 'probe'")
        finally:
            await tx.rollback()
        assert stored["method"] == ("lz4" if lz4 else None) and stored["body"] == large
    finally:
        await conn.close()
