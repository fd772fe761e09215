-- Redshift functions under their own names, for statements the dialect layer passes through as written
-- (the dialect layer emits its own SQL for these calls when it translates a statement).
CREATE OR REPLACE FUNCTION public.getdate() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT date_trunc('second', now() AT TIME ZONE 'UTC')::timestamp $$;
CREATE OR REPLACE FUNCTION public.nvl(anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$;
CREATE OR REPLACE FUNCTION public.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END $$;
CREATE OR REPLACE FUNCTION public.json_parse(text) RETURNS json LANGUAGE sql IMMUTABLE AS $$ SELECT $1::json $$;
CREATE OR REPLACE FUNCTION public.charindex(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT strpos($2, $1) $$;
CREATE OR REPLACE FUNCTION public.len(text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) $$;
CREATE OR REPLACE FUNCTION public.dateadd(text, integer, timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$ SELECT $3 + ($2 || ' ' || $1)::interval $$;
-- The rows of the session's last UNLOAD (PG_LAST_UNLOAD_COUNT.md); the server's UNLOAD sets the setting (Unload/UnloadPlanner).
CREATE OR REPLACE FUNCTION public.pg_last_unload_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('redshift_typed.last_unload_count', true), '')::bigint, 0) $$;
