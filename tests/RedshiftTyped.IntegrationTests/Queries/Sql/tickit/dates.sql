-- Date functions: sales per month of one year.
-- @param year int
select date_trunc('month', s.saletime) as month, extract(month from s.saletime) as month_number,
       min(s.saletime)::date as first_day, max(s.saletime) as last_sale, count(*) as sales
from sales s
where extract(year from s.saletime) = :year
group by 1, 2
order by 1
