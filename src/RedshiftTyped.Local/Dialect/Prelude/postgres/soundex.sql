-- SOUNDEX(text): American Soundex of the ASCII letters (https://docs.aws.amazon.com/redshift/latest/dg/SOUNDEX.html):
-- the first letter, then the codes of the others, H and W transparent, runs of one code once, vowels dropped, 3 digits.
CREATE OR REPLACE FUNCTION public.rs_soundex(text) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN regexp_replace(upper($1), '[^A-Z]', '', 'g') = '' THEN '' ELSE left(regexp_replace(upper($1), '[^A-Z]', '', 'g'), 1) || rpad(left(replace(substr(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(replace(translate(regexp_replace(upper($1), '[^A-Z]', '', 'g'), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '000000--11112222222233455'||'6'), '-', ''), '0+', '0', 'g'), '1+', '1', 'g'), '2+', '2', 'g'), '3+', '3', 'g'), '4+', '4', 'g'), '5+', '5', 'g'), '6+', '6', 'g'), 2), '0', ''), 3), 3, '0') END
$$;
-- DIFFERENCE(a, b): matching positions of the two Soundex codes; 0 when one has no letters, 1 when neither has.
CREATE OR REPLACE FUNCTION public.rs_difference(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a = '' AND b = '' THEN 1 WHEN a = '' OR b = '' THEN 0
    ELSE (substr(a, 1, 1) = substr(b, 1, 1))::int + (substr(a, 2, 1) = substr(b, 2, 1))::int + (substr(a, 3, 1) = substr(b, 3, 1))::int + (substr(a, 4, 1) = substr(b, 4, 1))::int END
  FROM (SELECT rs_soundex($1) AS a, rs_soundex($2) AS b) AS codes
$$;
