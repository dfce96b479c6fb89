-- re-adding moves the column to the end
ALTER TABLE users ADD COLUMN created_at timestamp with time zone DEFAULT now();
