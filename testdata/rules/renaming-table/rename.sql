ALTER TABLE users RENAME TO accounts;
-- expect: renaming-table "renaming table users to accounts"
