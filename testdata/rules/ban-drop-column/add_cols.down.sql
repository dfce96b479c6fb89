-- The down removing what its up added: not a finding.
ALTER TABLE users DROP COLUMN nickname;
ALTER TABLE pins DROP COLUMN digest;
ALTER TABLE users DROP COLUMN email;
-- expect: ban-drop-column "users.email"
