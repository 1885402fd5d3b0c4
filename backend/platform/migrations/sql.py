"""Helper so each migration is a list of plain SQL statements run in the migration's transaction."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from backend.platform.db import DB

APP_NAME = "quickjob"


def sql_migration(migration_id: str, description: str, statements: list[str]) -> MigrationManager:
    manager = MigrationManager(migration_id=migration_id, app_name=APP_NAME, description=description)

    async def run() -> None:
        for statement in statements:
            await DB.run_ddl(statement)

    manager.add_raw(run)
    return manager
