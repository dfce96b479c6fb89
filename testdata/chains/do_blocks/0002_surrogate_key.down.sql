ALTER TABLE downloads
  DROP CONSTRAINT downloads_pkey,
  ADD CONSTRAINT downloads_pkey PRIMARY KEY (version_id, date),
  DROP COLUMN id;
