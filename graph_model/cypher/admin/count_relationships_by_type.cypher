// Per-type counts from the count store, one branch per RelType.
MATCH ()-[r:PARTY_TO]->() WITH count(r) AS count RETURN 'PARTY_TO' AS type, count
UNION ALL
MATCH ()-[r:PARTY_TO_DEATH]->() WITH count(r) AS count RETURN 'PARTY_TO_DEATH' AS type, count
UNION ALL
MATCH ()-[r:OCCURRED_AT]->() WITH count(r) AS count RETURN 'OCCURRED_AT' AS type, count
UNION ALL
MATCH ()-[r:FOUND_AT]->() WITH count(r) AS count RETURN 'FOUND_AT' AS type, count
UNION ALL
MATCH ()-[r:LIVES_AT]->() WITH count(r) AS count RETURN 'LIVES_AT' AS type, count
UNION ALL
MATCH ()-[r:ASSOCIATED_WITH]->() WITH count(r) AS count RETURN 'ASSOCIATED_WITH' AS type, count
UNION ALL
MATCH ()-[r:HAD_CONTACT]->() WITH count(r) AS count RETURN 'HAD_CONTACT' AS type, count
UNION ALL
MATCH ()-[r:RECORDED_BY]->() WITH count(r) AS count RETURN 'RECORDED_BY' AS type, count
UNION ALL
MATCH ()-[r:USES]->() WITH count(r) AS count RETURN 'USES' AS type, count
UNION ALL
MATCH ()-[r:OBJECT_IN]->() WITH count(r) AS count RETURN 'OBJECT_IN' AS type, count
UNION ALL
MATCH ()-[r:DESCRIBES]->() WITH count(r) AS count RETURN 'DESCRIBES' AS type, count
UNION ALL
MATCH ()-[r:WITHIN]->() WITH count(r) AS count RETURN 'WITHIN' AS type, count
UNION ALL
MATCH ()-[r:CALL_PARTY]->() WITH count(r) AS count RETURN 'CALL_PARTY' AS type, count
UNION ALL
MATCH ()-[r:INVESTIGATED_BY]->() WITH count(r) AS count RETURN 'INVESTIGATED_BY' AS type, count
UNION ALL
MATCH ()-[r:LINKED_TO]->() WITH count(r) AS count RETURN 'LINKED_TO' AS type, count
UNION ALL
MATCH ()-[r:REVIEWS]->() WITH count(r) AS count RETURN 'REVIEWS' AS type, count
UNION ALL
MATCH ()-[r:HAS_ACTION]->() WITH count(r) AS count RETURN 'HAS_ACTION' AS type, count
