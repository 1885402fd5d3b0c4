"""Piccolo configuration (PICCOLO_CONF=backend.platform.piccolo_conf), used by the migration runner."""

import os

from piccolo.conf.apps import AppRegistry

from backend.platform.db import DB, configure

if not DB.config and os.environ.get("DATABASE_URL"):
    configure(os.environ["DATABASE_URL"])

APP_REGISTRY = AppRegistry(apps=["backend.platform.piccolo_app"])
