CREATE TABLE archive.plan_copy (LIKE billing.plan INCLUDING ALL);
CREATE TABLE archive.plan_shape (LIKE billing.plan);
CREATE TABLE archive.plan_idx (LIKE billing.plan INCLUDING INDEXES INCLUDING DEFAULTS, extra text);
