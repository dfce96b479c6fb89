COMMENT ON TABLE a IS 'the a table';
COMMENT ON COLUMN a.v IS 'value';
