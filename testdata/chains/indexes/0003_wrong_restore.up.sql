DROP INDEX events_lower_title;
DROP INDEX events_kind_title;
