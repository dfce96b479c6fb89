CREATE TABLE account_stats AS
SELECT
  count(*) AS total,
  count(note) AS with_note,
  sum(n) AS sum_n,
  sum(id) AS sum_id,
  avg(small) AS avg_small,
  avg(score) AS avg_score,
  max(code) AS max_code,
  min(born) AS first_born,
  max(price) AS max_price,
  max(seen) AS last_seen,
  bool_and(n > 0) AS all_positive,
  array_agg(id) AS ids,
  string_agg(note, ',') AS notes,
  now() AS taken_at,
  current_date AS taken_on,
  current_timestamp(2) AS taken_precise
FROM accounts;

CREATE TABLE account_rows AS
SELECT
  id,
  id + 1 AS next_id,
  small + small AS small_sum,
  small + 1 AS small_plus,
  n * 2.5 AS scaled,
  n / 3 AS third,
  price * 2 AS double_price,
  -n AS negated,
  code || '-' || note AS tag,
  upper(code) AS code_upper,
  length(note) AS note_length,
  coalesce(note, code) AS note_or_code,
  coalesce(code, 'none') AS code_or_none,
  CASE WHEN n > 0 THEN 'pos' ELSE 'neg' END AS sign,
  CASE WHEN n > 0 THEN n ELSE id END AS n_or_id,
  greatest(small, n) AS biggest,
  nullif(code, '') AS code_nonempty,
  n::bigint AS n_big,
  CAST(code AS varchar(40)) AS code_long,
  'fixed' AS fixed_text,
  42 AS answer,
  3000000000 AS big_literal,
  1.5 AS fractional,
  true AS yes,
  NULL AS nothing,
  born + 7 AS week_later,
  born - born AS zero_days,
  seen + interval '1 hour' AS hour_later,
  created_at - created_at AS zero_span,
  date_trunc('day', created_at) AS day,
  extract(year FROM born) AS born_year,
  doc -> 'a' AS doc_a,
  doc ->> 'a' AS doc_a_text,
  n IS NULL AS n_missing,
  EXISTS (SELECT 1 FROM accounts_copy c WHERE c.id = accounts.id) AS copied,
  (SELECT max(c.id) FROM accounts_copy c) AS max_copy,
  ARRAY[n, small] AS pair,
  feeling,
  uid,
  flags,
  span * 2 AS double_span,
  gen_random_uuid() AS fresh_uid,
  to_char(created_at, 'YYYY') AS created_year
FROM accounts;

CREATE TABLE account_union AS
SELECT id, code FROM accounts
UNION ALL
SELECT id, note FROM accounts_copy;

CREATE TABLE account_views AS SELECT v.id, v.code FROM account_codes v;
CREATE TABLE account_values AS VALUES (1, 'a'), (2, 'b');

CREATE TABLE account_derived AS
WITH recent AS (SELECT id, code, created_at FROM accounts)
SELECT s.a, s.code, r.created_at, s.doubled
FROM (SELECT id AS a, code, price * 2 AS doubled FROM accounts) s
JOIN recent r ON r.id = s.a;
