DROP VIEW community_names;
DROP VIEW user_names;
DROP VIEW comment_summary;
DROP TABLE community;
DROP TABLE comment;
DROP TABLE user_;
DROP TABLE post;
