-- Storage parameters of indexes, as pg_get_indexdef prints them.
CREATE INDEX account_amount_brin ON account USING brin (amount) WITH (pages_per_range = 16, autosummarize = true);
CREATE INDEX account_tag_idx ON account (tag) WITH (fillfactor = 70, deduplicate_items = off);
ALTER INDEX account_tag_idx SET (fillfactor = 80);
ALTER INDEX account_tag_idx RESET (deduplicate_items);
ALTER INDEX account_tag_idx SET (deduplicate_items = on);
