-- Frames out of line: day partitions are made WITH (toast_tuple_target = 128) (DayPartitions), so once a row passes
-- PostgreSQL's toast threshold (~2 kB: a 96-board frame's JSONB does) its frame goes whole to the TOAST table,
-- compressed with lz4 where the server has it, and the heap keeps the key columns (~200 bytes a row) instead of an
-- inline-compressed frame (~1.2 kB). A day of one satellite's points then reads ~18 MB of heap instead of ~100 MB.
DO $$
BEGIN
  ALTER TABLE hk ALTER COLUMN msg SET COMPRESSION lz4;
  ALTER TABLE evt ALTER COLUMN msg SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 is not available on this server: frames keep the default compression';
END $$;
