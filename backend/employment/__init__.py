"""Open-ended (monthly) employment: members hired on a contract of indefinite duration, paid
every month from their projected income (002:379) with the statutory key formula."""
