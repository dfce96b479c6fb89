-- A name of exactly 63 bytes is kept whole; long text in strings and comments
-- is not an identifier, and queries only use names.
CREATE TABLE ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc (id bigint);
COMMENT ON TABLE t IS 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd';
-- eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee
SELECT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa FROM t;
