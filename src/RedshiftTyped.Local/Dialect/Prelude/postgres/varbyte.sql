-- VARBYTE bitwise operators (~, &, |, #) byte by byte.
CREATE OR REPLACE FUNCTION public.rs_varbyte_not(bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(string_agg(lpad(to_hex(~get_byte($1, i) & 255), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, length($1) - 1) AS i
$$;
CREATE OR REPLACE FUNCTION public.rs_varbyte_and(bytea, bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(string_agg(lpad(to_hex(get_byte($1, i) & get_byte($2, i)), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, length($1) - 1) AS i
$$;
CREATE OR REPLACE FUNCTION public.rs_varbyte_or(bytea, bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(string_agg(lpad(to_hex(get_byte($1, i) | get_byte($2, i)), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, length($1) - 1) AS i
$$;
CREATE OR REPLACE FUNCTION public.rs_varbyte_xor(bytea, bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(string_agg(lpad(to_hex(get_byte($1, i) # get_byte($2, i)), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, length($1) - 1) AS i
$$;
