-- Storage rules (Storage/README.md): the CHECK functions of CHAR(n)/VARCHAR(n) columns and the conversion of values
-- stored in SUPER (one overload per type: a string stays a string scalar, a number keeps its kind, a float is written
-- with an exponent). Installed at start with the dialect's prelude (Engine/PreludeScripts).
CREATE OR REPLACE FUNCTION public.rs_varchar_too_long(v text, n integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF octet_length(rtrim(v, ' ')) <= n THEN RETURN true; END IF;
  RAISE EXCEPTION 'value too long for type character varying(%)', n USING ERRCODE = '22001';
END $$;
-- A SQL function the planner inlines into the CHECK: the byte count first, the PL/pgSQL call only for long values.
CREATE OR REPLACE FUNCTION public.rs_varchar_fits(v text, n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v IS NULL OR octet_length(v) <= n OR public.rs_varchar_too_long(v, n) $$;
CREATE OR REPLACE FUNCTION public.rs_char_fits(v text, n integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE bad text;
BEGIN
  IF v IS NULL THEN RETURN true; END IF;
  bad := substring(v from '[^\x01-\x7F]');
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: %',
      trim(regexp_replace(encode(convert_to(bad, 'UTF8'), 'hex'), '(..)', '\1 ', 'g')) USING ERRCODE = '22021';
  END IF;
  IF octet_length(rtrim(v, ' ')) <= n THEN RETURN true; END IF;
  RAISE EXCEPTION 'value too long for type character(%)', n USING ERRCODE = '22001';
END $$;
CREATE OR REPLACE FUNCTION public.rs_super(text) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
CREATE OR REPLACE FUNCTION public.rs_super(json) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1 $$;
CREATE OR REPLACE FUNCTION public.rs_super(jsonb) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1::json $$;
CREATE OR REPLACE FUNCTION public.rs_super(boolean) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
-- One overload per integer type: PostgreSQL would otherwise resolve an integer to double precision.
CREATE OR REPLACE FUNCTION public.rs_super(smallint) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
CREATE OR REPLACE FUNCTION public.rs_super(integer) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
CREATE OR REPLACE FUNCTION public.rs_super(bigint) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
CREATE OR REPLACE FUNCTION public.rs_super(numeric) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$;
CREATE OR REPLACE FUNCTION public.rs_super(double precision) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (CASE WHEN $1::text ~ '[eE]' THEN $1::text ELSE $1::text || 'e+0' END)::json $$;
CREATE OR REPLACE FUNCTION public.rs_super(real) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (CASE WHEN $1::text ~ '[eE]' THEN $1::text ELSE $1::text || 'e+0' END)::json $$;
