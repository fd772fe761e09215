-- The JSON kind of a text (object, array, string, number, boolean, null), or NULL when it is not valid JSON:
-- IS_VALID_JSON and the null_if_invalid arguments need a parse that does not fail the statement.
CREATE OR REPLACE FUNCTION public.rs_json_kind(text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN json_typeof($1::json);
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

-- The text as json, or NULL when it is not valid JSON and null_if_invalid is true (else the parse error).
CREATE OR REPLACE FUNCTION public.rs_json_or_null(text, boolean) RETURNS json LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN $1::json;
EXCEPTION WHEN others THEN
  IF $2 THEN
    RETURN NULL;
  END IF;
  RAISE;
END
$$;

-- JSON text without the whitespace PostgreSQL keeps from the input (SUPER values print compact on Redshift).
CREATE OR REPLACE FUNCTION public.rs_json_compact(json) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(CAST($1 AS text), '\s+(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)', '', 'g')
$$;
