-- Redshift's JSON parser is strict: DuckDB's accepts trailing commas ([1,2,]), which Redshift rejects.
CREATE OR REPLACE MACRO public.rs_json_valid(s) AS coalesce(json_valid(s) AND NOT regexp_matches(s, ',\s*[\]}]'), false);
-- The text as JSON, or an error for invalid JSON (as Redshift's JSON functions fail).
CREATE OR REPLACE MACRO public.rs_json_checked(s) AS CASE WHEN s IS NULL THEN NULL WHEN public.rs_json_valid(s) THEN json(s) ELSE error('invalid JSON: ' || left(s, 80)) END;
