-- Every column type Redshift has, NULLs included.
select * from type_probe order by c_int4 desc
