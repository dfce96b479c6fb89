CREATE TABLE downloads (
  version_id integer NOT NULL,
  date date NOT NULL,
  processed boolean DEFAULT false,
  PRIMARY KEY (version_id, date)
);
