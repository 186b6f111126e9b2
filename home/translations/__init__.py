"""The freshness of translations: up to date, out of date or missing, and the admin that shows it."""
