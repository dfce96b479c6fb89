-- <table>_<column>: only accounts has old_code
ALTER TABLE accounts DROP COLUMN old_code;
ALTER TABLE accounts DROP COLUMN status;
