// Remove the record links between these pairs (either direction); returns how many were removed.
UNWIND $pairs AS pair
MATCH (:SourceRecord {id: pair[0]})-[l:LINKED_TO]-(:SourceRecord {id: pair[1]})
DELETE l
RETURN count(l) AS removed
