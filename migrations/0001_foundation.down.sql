DROP TABLE meta;
DROP INDEX jobs_unique_key;
DROP INDEX jobs_due;
DROP TABLE jobs;
