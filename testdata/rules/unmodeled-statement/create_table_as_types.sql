-- fixture: role=up
-- A column whose type the model cannot work out is the only one not judged;
-- the model says which.
CREATE TABLE sessions (id bigint, user_id bigint, started timestamptz);
CREATE TABLE session_pids AS SELECT id, pg_backend_pid() AS pid, started FROM sessions;
-- expect: unmodeled-statement "CREATE TABLE AS: the type of column pid is not modeled"
CREATE INDEX ON session_pids (pid);
CREATE INDEX ON session_pids (started);
-- Every type known: nothing to say.
CREATE TABLE session_days AS SELECT user_id, date_trunc('day', started) AS day, count(*) AS n FROM sessions GROUP BY 1, 2;
