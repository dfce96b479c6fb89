-- CASCADE also takes view av and the foreign key of b
DROP TABLE a CASCADE;
DROP TABLE c;
