-- Joins, and an aggregate of every numeric type. The floating-point aggregates add whole numbers, so their sums are
-- exact whatever order a parallel plan adds them in (the test compares two runs of this statement).
-- @param min_qty smallint
select c.catname, e.eventname,
       count(*) as sales, sum(s.qtysold) as qty_sum, avg(s.qtysold) as qty_avg,
       sum(s.sellerid) as int_sum, max(s.salesid::bigint) as big_max, sum(s.salesid::bigint) as big_sum,
       sum(s.pricepaid) as numeric_sum, min(s.commission) as numeric_min, max(s.pricepaid) as numeric_max,
       sum(s.qtysold::real) as real_sum, avg(s.qtysold::double precision) as double_avg
from sales s
join event e on e.eventid = s.eventid
join category c on c.catid = e.catid
where s.qtysold >= :min_qty
group by c.catname, e.eventname
order by c.catname, e.eventname
