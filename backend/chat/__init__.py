"""The chat channel: the bot over REST, Telegram and the terminal, on the same services as the API
(the pure dialogue core is the top-level ``bot`` package)."""
