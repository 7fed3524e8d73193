-- Views over the published Parquet files. Paths are relative to the package root:
-- from the package root:   duckdb -c ".read data/views.sql"
-- from anywhere else:      SET file_search_path = '/path/to/package'; then .read /path/to/package/data/views.sql

CREATE OR REPLACE VIEW "sources" AS SELECT * FROM read_parquet('data/parquet/sources/*.parquet');
CREATE OR REPLACE VIEW "actors" AS SELECT * FROM read_parquet('data/parquet/actors/*.parquet');
CREATE OR REPLACE VIEW "systems" AS SELECT * FROM read_parquet('data/parquet/systems/*.parquet');
CREATE OR REPLACE VIEW "deals" AS SELECT * FROM read_parquet('data/parquet/deals/*.parquet');
CREATE OR REPLACE VIEW "deal_events" AS SELECT * FROM read_parquet('data/parquet/deal_events/*.parquet');
CREATE OR REPLACE VIEW "statements" AS SELECT * FROM read_parquet('data/parquet/statements/*.parquet');
CREATE OR REPLACE VIEW "mentions" AS SELECT * FROM read_parquet('data/parquet/mentions/*.parquet');
