"""Platform: database, settings, logging, messages (i18n), embedded servers, migrations."""
