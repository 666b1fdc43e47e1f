-- A plan registered after the scanner passed the block holding its transaction: the blocks to look through again
-- (inclusive), until the scan loop has done it. NULL when nothing is to be looked back at.
ALTER TABLE {schema}.eventualities ADD COLUMN look_back_from bigint;
ALTER TABLE {schema}.eventualities ADD COLUMN look_back_to bigint;
