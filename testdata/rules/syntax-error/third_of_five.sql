-- fixture: select=ban-drop-table
-- A syntax error in the third of five statements: exactly one syntax-error,
-- and the other four statements are still analysed (each drop is reported).
DROP TABLE first_table;
-- expect: ban-drop-table "first_table"
DROP TABLE second_table;
-- expect: ban-drop-table "second_table"
ALTER TABLE third_table ADD COLUMN;
-- expect: syntax-error "syntax error at or near" @8:35
DROP TABLE fourth_table;
-- expect: ban-drop-table "fourth_table"
DROP TABLE fifth_table;
-- expect: ban-drop-table "fifth_table"
