-- The bytes of a BLOB as a list of integers (0 to 255).
CREATE OR REPLACE MACRO public.rs_bytes(b) AS list_transform(range(0, strlen(hex(b)), 2), i -> CAST(('0x' || substr(hex(b), i + 1, 2)) AS INTEGER));
-- The little-endian bytes of an integer of the given width (two's complement).
CREATE OR REPLACE MACRO public.rs_int_bytes(v, width) AS list_transform(range(width),
    k -> CAST(((((CAST(v AS HUGEINT) % (CAST(1 AS HUGEINT) << (8 * width))) + (CAST(1 AS HUGEINT) << (8 * width))) % (CAST(1 AS HUGEINT) << (8 * width))) >> (8 * k)) & 255 AS INTEGER));
-- FNV_HASH(value [, seed]): 64-bit FNV-1a of the bytes, from the seed (a previous hash) or the FNV offset basis, signed.
CREATE OR REPLACE MACRO public.rs_fnv_hash(bytes, seed) AS (SELECT CAST(CASE WHEN h >= (CAST(1 AS HUGEINT) << 63) THEN h - (CAST(1 AS HUGEINT) << 64) ELSE h END AS BIGINT)
    FROM (SELECT list_reduce(bytes, (acc, x) -> (xor(acc, CAST(x AS HUGEINT)) * 1099511628211) % (CAST(1 AS HUGEINT) << 64),
        CASE WHEN seed IS NULL THEN CAST(14695981039346656037 AS HUGEINT) WHEN seed < 0 THEN CAST(seed AS HUGEINT) + (CAST(1 AS HUGEINT) << 64) ELSE CAST(seed AS HUGEINT) END) AS h));
-- CRC32(text): the CRC-32C (Castagnoli, as the guide says) of the bytes, as 8 lower-case hex digits.
CREATE OR REPLACE MACRO public.rs_crc32(bytes) AS lpad(lower(to_hex(xor(list_reduce(bytes,
    (c, x) -> list_reduce(range(8), (d, k) -> CASE WHEN d & 1 = 1 THEN xor(d >> 1, 2197175160) ELSE d >> 1 END, xor(c, CAST(x AS BIGINT))),
    CAST(4294967295 AS BIGINT)), 4294967295))), 8, '0');
