// Empties the database in batches (schema is kept). Needs an implicit transaction.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
