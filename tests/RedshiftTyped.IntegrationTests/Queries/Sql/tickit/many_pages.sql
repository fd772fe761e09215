-- A result of many pages.
-- @param qty smallint
select salesid, eventid, pricepaid, saletime from sales where qtysold = :qty order by salesid
