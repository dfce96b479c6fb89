ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
