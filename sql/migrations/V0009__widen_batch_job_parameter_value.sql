-- The reference-data load and the meter-data ingest are Spring Batch jobs too (jobs "referenceLoad" and
-- "meterDataIngest"): their identifying parameter "files" holds every folder or file given, absolute, one per line.
-- An ingest of a day's deliveries easily exceeds Spring Batch's VARCHAR(2500), so the parameter value is unbounded.
-- (Spring Batch reads and writes the column as a string; the job key is an MD5 of the identifying parameters.)

ALTER TABLE batch_job_execution_params ALTER COLUMN parameter_value TYPE TEXT;
