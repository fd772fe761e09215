-- STRTOL(text, base): the text as an integer in the base (2 to 36), an optional 0x before base-16 digits.
CREATE OR REPLACE MACRO public.rs_strtol(s, base) AS CAST(list_reduce(
    list_transform(string_split(CASE WHEN base = 16 AND lower(s) LIKE '0x%' THEN substr(lower(s), 3) ELSE lower(s) END, ''),
        c -> CAST(position(c IN '0123456789abcdefghijklmnopqrstuvwxyz') - 1 AS HUGEINT)),
    (acc, d) -> acc * base + d) AS BIGINT);
