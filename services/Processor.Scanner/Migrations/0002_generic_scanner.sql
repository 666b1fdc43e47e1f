-- The scanner on network plug-ins: ids, keys and eventualities are the plug-in's opaque bytes; blocks.median_time holds
-- the plug-in's monotonic block time (Bitcoin: median time past).

-- A key confirmed after scanning passed its activation block is scanned again from there, block by block, up to the
-- main scan: catch_up_height is the next block of that catch-up (NULL: the key is scanned with every new block).
ALTER TABLE {schema}.keys ADD COLUMN catch_up_height bigint;

-- The presumed origin of an External output (Serai's ExternalAddress bytes; empty when unknown).
ALTER TABLE {schema}.outputs ADD COLUMN origin bytea NOT NULL DEFAULT '\x';

-- What the plug-in matches a finalized transaction against (Bitcoin: the plan's txid).
ALTER TABLE {schema}.eventualities RENAME COLUMN txid TO eventuality;

-- The coin received (Serai's Coin id, from the plug-in).
ALTER TABLE {schema}.outputs ADD COLUMN coin integer NOT NULL DEFAULT 0;
ALTER TABLE {schema}.outputs ALTER COLUMN coin DROP DEFAULT;
