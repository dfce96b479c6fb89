ALTER TABLE accounts RENAME TO users;
ALTER TABLE others RENAME TO others2;
-- expect: renaming-table "others to others2"
