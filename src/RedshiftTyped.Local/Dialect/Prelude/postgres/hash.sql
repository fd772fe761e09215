-- FNV_HASH(value [, seed]): 64-bit FNV-1a of the bytes, from the seed (a previous hash) or the FNV offset basis, signed.
CREATE OR REPLACE FUNCTION public.rs_fnv_hash(bytea, bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  h numeric := CASE WHEN $2 IS NULL THEN 14695981039346656037 WHEN $2 < 0 THEN $2::numeric + 18446744073709551616 ELSE $2 END;
  low integer;
BEGIN
  FOR i IN 0 .. length($1) - 1 LOOP
    low := (h % 256)::integer;
    h := h - low + (low # get_byte($1, i));
    h := (h * 1099511628211) % 18446744073709551616;
  END LOOP;
  RETURN CASE WHEN h >= 9223372036854775808 THEN h - 18446744073709551616 ELSE h END;
END
$$;
-- The little-endian bytes of an integer of the given width (two's complement).
CREATE OR REPLACE FUNCTION public.rs_int_bytes(bigint, integer) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT decode(string_agg(lpad(to_hex((($1::numeric % (2::numeric ^ (8 * $2)) + 2::numeric ^ (8 * $2)) % (2::numeric ^ (8 * $2)) / (2::numeric ^ (8 * k)))::bigint % 256), 2, '0'), '' ORDER BY k), 'hex')
  FROM generate_series(0, $2 - 1) AS k
$$;
-- CRC32(text): the CRC-32C (Castagnoli, as the guide says) of the bytes, as 8 lower-case hex digits.
CREATE OR REPLACE FUNCTION public.rs_crc32(bytea) RETURNS varchar LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  c bigint := 4294967295;
BEGIN
  FOR i IN 0 .. length($1) - 1 LOOP
    c := c # get_byte($1, i);
    FOR k IN 1 .. 8 LOOP
      c := CASE WHEN c & 1 = 1 THEN (c >> 1) # 2197175160 ELSE c >> 1 END;
    END LOOP;
  END LOOP;
  RETURN lpad(to_hex(c # 4294967295), 8, '0');
END
$$;
