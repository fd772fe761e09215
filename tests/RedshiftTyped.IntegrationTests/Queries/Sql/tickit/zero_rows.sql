-- No row at all.
select eventid, eventname, starttime from event where eventid < 0
