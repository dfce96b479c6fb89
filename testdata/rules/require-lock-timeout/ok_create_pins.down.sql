-- The down drops the table its own up created: no lock risk worth a timeout.
DROP TABLE pins;
