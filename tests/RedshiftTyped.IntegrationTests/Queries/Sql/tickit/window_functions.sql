-- Window functions: each event's revenue, its rank in its category, and a running total.
-- @param top int
select catname, eventid, revenue,
       rank() over (partition by catname order by revenue desc, eventid) as rank_in_category,
       row_number() over (order by revenue desc, eventid) as overall,
       sum(revenue) over (partition by catname order by revenue desc, eventid rows unbounded preceding) as running_total
from (
    select c.catname, e.eventid, sum(s.pricepaid) as revenue
    from sales s
    join event e on e.eventid = s.eventid
    join category c on c.catid = e.catid
    group by c.catname, e.eventid
) as per_event
order by overall
limit :top
