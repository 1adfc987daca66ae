// A new sharing of a case-conference map (its id is random, so CREATE never meets an old one).
CREATE (s:Sharing)
SET s = $properties
RETURN properties(s) AS sharing
