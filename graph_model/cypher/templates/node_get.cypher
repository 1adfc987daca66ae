{#
  The store's node read (GraphStore.get_node), one statement per node kind the store writes.
    label  the NodeLabel.
#}
MATCH (n:{{ label }} {id: $key})
RETURN properties(n) AS properties
