DROP TABLE account_derived;
DROP TABLE account_values;
DROP TABLE account_views;
DROP TABLE account_union;
DROP TABLE account_rows;
DROP TABLE account_stats;
