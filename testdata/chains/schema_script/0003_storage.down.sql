DROP INDEX account_tag_idx;
DROP INDEX account_amount_brin;
