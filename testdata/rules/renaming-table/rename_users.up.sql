ALTER TABLE users RENAME TO accounts;
-- expect: renaming-table "users to accounts"
