DROP TABLE history.notes;
ALTER SCHEMA history RENAME TO archive;
