-- The plug-in's bytes for spending an output (Monero: one-time key, global index, mask, key offset), handed on unread.
ALTER TABLE {schema}.outputs ADD COLUMN spend_data bytea NOT NULL DEFAULT '';
