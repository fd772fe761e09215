-- STRTOL(text, base): the text as an integer in the base (2 to 36), an optional 0x before base-16 digits.
CREATE OR REPLACE FUNCTION public.rs_strtol(text, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CAST(sum((position(substr(t, i, 1) IN '0123456789abcdefghijklmnopqrstuvwxyz') - 1)::numeric * power($2::numeric, length(t) - i)) AS bigint)
  FROM (SELECT CASE WHEN $2 = 16 AND lower($1) LIKE '0x%' THEN substr(lower($1), 3) ELSE lower($1) END AS t) AS s,
       generate_series(1, length(t)) AS i
$$;
