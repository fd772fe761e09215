-- The best-selling events of each category: events ranked within their category by revenue, with a window function.
-- @param per_category int
-- @nullable rank_in_category false
select catname, eventname, revenue, rank_in_category
from (
    select c.catname, e.eventname, sum(s.pricepaid) as revenue,
           row_number() over (partition by c.catname order by sum(s.pricepaid) desc, e.eventid) as rank_in_category
    from sales s
    join event e on e.eventid = s.eventid
    join category c on c.catid = e.catid
    group by c.catname, e.eventid, e.eventname
) as ranked
where rank_in_category <= :per_category
order by catname, rank_in_category
