-- SOUNDEX(text): American Soundex of the ASCII letters (https://docs.aws.amazon.com/redshift/latest/dg/SOUNDEX.html):
-- the first letter, then the codes of the others, H and W transparent, runs of one code once, vowels dropped, 3 digits.
CREATE OR REPLACE MACRO public.rs_soundex(s) AS CASE WHEN regexp_replace(upper(s), '[^A-Z]', '', 'g') = '' THEN '' ELSE left(regexp_replace(upper(s), '[^A-Z]', '', 'g'), 1) || rpad(left(replace(substr(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(replace(translate(regexp_replace(upper(s), '[^A-Z]', '', 'g'), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '000000--11112222222233455'||'6'), '-', ''), '0+', '0', 'g'), '1+', '1', 'g'), '2+', '2', 'g'), '3+', '3', 'g'), '4+', '4', 'g'), '5+', '5', 'g'), '6+', '6', 'g'), 2), '0', ''), 3), 3, '0') END;
-- DIFFERENCE(a, b): matching positions of the two Soundex codes; 0 when one has no letters, 1 when neither has.
CREATE OR REPLACE MACRO public.rs_difference(a, b) AS CASE
  WHEN public.rs_soundex(a) = '' AND public.rs_soundex(b) = '' THEN 1
  WHEN public.rs_soundex(a) = '' OR public.rs_soundex(b) = '' THEN 0
  ELSE CAST((substr(public.rs_soundex(a), 1, 1) = substr(public.rs_soundex(b), 1, 1)) AS INTEGER) + CAST((substr(public.rs_soundex(a), 2, 1) = substr(public.rs_soundex(b), 2, 1)) AS INTEGER)
     + CAST((substr(public.rs_soundex(a), 3, 1) = substr(public.rs_soundex(b), 3, 1)) AS INTEGER) + CAST((substr(public.rs_soundex(a), 4, 1) = substr(public.rs_soundex(b), 4, 1)) AS INTEGER) END;
