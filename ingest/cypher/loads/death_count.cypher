// How many death reports the graph holds (before and after a load: the new ones).
MATCH (d:Death)
RETURN count(d) AS deaths
