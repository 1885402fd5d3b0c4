"""Rule-based chat bot: the pure dialogue engine (no I/O; ports in backend/bot)."""
