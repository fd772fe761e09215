-- A CTE and a CASE: buyers bucketed by what they spent.
with spent as (
    select buyerid, sum(pricepaid) as total
    from sales
    group by buyerid
)
select case when total >= 10000 then 'big' when total >= 1000 then 'medium' else 'small' end as bucket,
       count(*) as buyers,
       sum(total) as spent
from spent
group by 1
order by 1
