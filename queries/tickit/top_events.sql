-- Top events by tickets sold in one year.
-- @param year int
-- @param top int
-- @nullable eventid false
-- @nullable tickets false
select e.eventid, e.eventname, sum(s.qtysold) as tickets
from sales s
join event e on e.eventid = s.eventid
join date d on d.dateid = s.dateid
where d.year = :year
group by e.eventid, e.eventname
order by tickets desc, e.eventid
limit :top
