-- The JSON kind of a text (object, array, string, number, boolean, null), or NULL when it is not valid JSON:
-- IS_VALID_JSON and the null_if_invalid arguments need a parse that does not fail the statement.
CREATE OR REPLACE FUNCTION public.rs_json_kind(text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN json_typeof($1::json);
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
