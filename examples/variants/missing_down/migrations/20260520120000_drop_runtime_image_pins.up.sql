-- miglint:intent drop table runtime_image_pins
SET lock_timeout = '5s';

-- miglint-ignore ban-drop-table: the pinning service was removed in March; nothing reads or writes the table
DROP TABLE IF EXISTS runtime_image_pins;
