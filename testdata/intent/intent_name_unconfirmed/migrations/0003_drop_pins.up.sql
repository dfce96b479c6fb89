-- the name says pins, the statement drops something else: no declared intent
DROP INDEX idx_ws_digest;
