-- Redshift functions under their own names, for statements the dialect layer passes through as written
-- (the dialect layer emits its own SQL for these calls when it translates a statement).
CREATE OR REPLACE MACRO public.getdate() AS CAST(date_trunc('second', current_timestamp) AS TIMESTAMP);
CREATE OR REPLACE MACRO public.nvl(a, b) AS coalesce(a, b);
CREATE OR REPLACE MACRO public.nvl2(e, a, b) AS CASE WHEN e IS NOT NULL THEN a ELSE b END;
CREATE OR REPLACE MACRO public.json_parse(s) AS CAST(s AS JSON);
CREATE OR REPLACE MACRO public.charindex(needle, haystack) AS strpos(haystack, needle);
CREATE OR REPLACE MACRO public.dateadd(part, n, d) AS CAST(d AS TIMESTAMP) + CAST(CAST(n AS VARCHAR) || ' ' || part AS INTERVAL);
-- The rows of the session's last UNLOAD (PG_LAST_UNLOAD_COUNT.md); the server's UNLOAD sets the variable (Unload/UnloadPlanner).
CREATE OR REPLACE MACRO public.pg_last_unload_count() AS CAST(coalesce(getvariable('rt_last_unload_count'), 0) AS BIGINT);
-- The divisor of / and %: Redshift fails a division by zero where DuckDB answers NULL (emitted by the dialect layer).
CREATE OR REPLACE MACRO public.rs_divisor(x) AS CASE WHEN x = 0 THEN error('division by zero') ELSE x END;
