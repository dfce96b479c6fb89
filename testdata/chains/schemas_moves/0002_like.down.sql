DROP TABLE archive.plan_idx;
DROP TABLE archive.plan_shape;
DROP TABLE archive.plan_copy;
