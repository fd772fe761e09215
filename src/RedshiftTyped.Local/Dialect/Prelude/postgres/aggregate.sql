-- An array without repeated values, each kept at its first place (LISTAGG(DISTINCT …) WITHIN GROUP (ORDER BY other)).
CREATE OR REPLACE FUNCTION public.rs_array_distinct(anyarray) RETURNS anyarray LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x ORDER BY i), $1[0:0])
  FROM (SELECT x, min(i) AS i FROM unnest($1) WITH ORDINALITY AS u(x, i) WHERE x IS NOT NULL GROUP BY x) AS firsts
$$;

-- PERCENTILE_CONT / PERCENTILE_DISC / MEDIAN over a window: PostgreSQL has them only as aggregates, so the window
-- collects its partition's values (array_agg … OVER) and these compute the percentile of the array, as the aggregates do.
CREATE OR REPLACE FUNCTION public.rs_percentile_cont(numeric[], double precision, boolean) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN $3 THEN percentile_cont($2) WITHIN GROUP (ORDER BY x DESC) ELSE percentile_cont($2) WITHIN GROUP (ORDER BY x) END::numeric
  FROM unnest($1) AS u(x)
$$;
CREATE OR REPLACE FUNCTION public.rs_percentile_disc(anyarray, double precision, boolean) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN $3 THEN percentile_disc($2) WITHIN GROUP (ORDER BY x DESC) ELSE percentile_disc($2) WITHIN GROUP (ORDER BY x) END
  FROM unnest($1) AS u(x)
$$;
