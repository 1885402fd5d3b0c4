"""The bot on Telegram: webhook, link codes, replies through the outbox."""
