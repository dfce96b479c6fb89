-- The down of a create migration drops what its up created: not a finding.
DROP TABLE pins;
DROP TABLE other_table;
-- expect: ban-drop-table "other_table"
