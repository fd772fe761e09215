-- Revenue by category: sales, tickets and money taken per event category, largest first.
-- @nullable sales false
select c.catgroup, c.catname, count(*) as sales, sum(s.qtysold) as tickets, sum(s.pricepaid) as revenue
from sales s
join event e on e.eventid = s.eventid
join category c on c.catid = e.catid
group by c.catgroup, c.catname
order by revenue desc
