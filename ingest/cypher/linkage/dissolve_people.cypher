// Remove resolved people whose records now resolve differently; the load re-creates them (and
// every relationship derived from their records) from the new clusters.
UNWIND $ids AS id
MATCH (p:Person {id: id})
DETACH DELETE p
RETURN count(*) AS dissolved
