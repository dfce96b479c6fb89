DROP VIEW acct_view;
DROP FUNCTION acct_extra();
DROP TABLE acct;
