-- Every parameter type, each read back as a column; a NULL and an empty string are written into the statement.
-- @param p_small smallint
-- @param p_int integer
-- @param p_big bigint
-- @param p_real real
-- @param p_double double precision
-- @param p_numeric numeric(12,2)
-- @param p_bool boolean
-- @param p_char char(3)
-- @param p_varchar varchar(20)
-- @param p_date date
-- @param p_time time
-- @param p_timestamp timestamp
-- @param p_timestamptz timestamptz
-- @param p_maybe varchar(20) nullable
-- @param p_empty varchar(5)
select :p_small::smallint as v_small, :p_int::integer as v_int, :p_big::bigint as v_big, :p_real::real as v_real,
       :p_double::double precision as v_double, :p_numeric::numeric(12,2) as v_numeric, :p_bool::boolean as v_bool,
       :p_char::char(3) as v_char, :p_varchar::varchar(20) as v_varchar, :p_date::date as v_date, :p_time::time as v_time,
       :p_timestamp::timestamp as v_timestamp, :p_timestamptz::timestamptz as v_timestamptz,
       case when :p_maybe::varchar(20) is null then 'was null' else :p_maybe::varchar(20) end as v_maybe,
       :p_empty::varchar(5) || '|' as v_empty
from event
where eventid = :p_int
