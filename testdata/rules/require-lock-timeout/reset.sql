SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nickname text;
SET lock_timeout = 0;
CREATE TRIGGER t BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();
-- expect: require-lock-timeout "SHARE ROW EXCLUSIVE lock on orders"
