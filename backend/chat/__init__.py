"""The bot over HTTP: conversations in PostgreSQL and the port to the real services."""
