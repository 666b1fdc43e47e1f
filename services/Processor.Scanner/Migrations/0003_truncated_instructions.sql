-- Instruction data over 512 bytes is truncated (Serai A's rule) instead of being left out, so no output has an
-- instruction error any more.
ALTER TABLE {schema}.outputs DROP COLUMN instruction_error;
