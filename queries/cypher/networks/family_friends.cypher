// POLE's "dangerous family friends": people party to no crime whose relative, also party to
// no crime, is tied to someone who is (as suspect, offender or unspecified party). The
// relative's tie is one of $family_kinds, the friend's one of $friend_kinds; with
// $living_together, the person and the relative live at the same place. $person limits the
// answer to one person when it is not null. Each entry names up to ten relatives (most
// dangerous friends first) and up to twenty friends of each.
MATCH (p:Person)-[f:ASSOCIATED_WITH]-(relative:Person)-[k:ASSOCIATED_WITH]-(friend:Person)-[r:PARTY_TO]->(:Incident)
WHERE ($person IS NULL OR p.id = $person)
  AND f.kind IN $family_kinds AND k.kind IN $friend_kinds
  AND p <> relative AND friend <> p AND friend <> relative
  AND r.role IN ['suspect', 'offender', 'party']
  AND NOT EXISTS { (p)-[:PARTY_TO]->(:Incident) }
  AND NOT EXISTS { (relative)-[:PARTY_TO]->(:Incident) }
  AND (NOT $living_together OR EXISTS { (p)-[:LIVES_AT]->(:Place)<-[:LIVES_AT]-(relative) })
WITH p, relative, collect(DISTINCT f.kind) AS family_ties, collect(DISTINCT friend.id) AS friends
ORDER BY size(friends) DESC, relative.id
WITH p, collect({relative: relative.id, ties: family_ties, friends: friends[0..20],
                 friend_count: size(friends)})[0..10] AS relatives,
     collect(friends) AS friend_lists
UNWIND friend_lists AS friends
UNWIND friends AS friend
WITH p, relatives, count(DISTINCT friend) AS family_friends
RETURN p.id AS person, family_friends, relatives
ORDER BY family_friends DESC, person
LIMIT $limit
