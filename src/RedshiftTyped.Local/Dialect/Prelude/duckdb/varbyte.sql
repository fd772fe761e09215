-- VARBYTE bitwise operators (~, &, |, #) byte by byte, through DuckDB's BIT type.
CREATE OR REPLACE MACRO public.rs_varbyte_not(a) AS CAST(~CAST(a AS BIT) AS BLOB);
CREATE OR REPLACE MACRO public.rs_varbyte_and(a, b) AS CAST(CAST(a AS BIT) & CAST(b AS BIT) AS BLOB);
CREATE OR REPLACE MACRO public.rs_varbyte_or(a, b) AS CAST(CAST(a AS BIT) | CAST(b AS BIT) AS BLOB);
CREATE OR REPLACE MACRO public.rs_varbyte_xor(a, b) AS CAST(xor(CAST(a AS BIT), CAST(b AS BIT)) AS BLOB);
