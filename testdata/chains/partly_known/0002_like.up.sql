-- The copy's expression index is named after the expression (src_lower_idx):
-- the model does not know that name, only that the copy's indexes are unsure.
CREATE TABLE copy (LIKE src INCLUDING INDEXES);
