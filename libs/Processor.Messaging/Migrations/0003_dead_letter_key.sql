-- A dead-letter copy too large for the broker leaves the key out; the row keeps it, as it keeps the payload.
ALTER TABLE {schema}.dead_letters ADD COLUMN key bytea;
