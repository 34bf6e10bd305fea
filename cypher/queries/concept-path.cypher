// The shortest chain of co-occurring concepts between two concepts (at most 8 hops), e.g. how
// a method connects to an application area through intermediate concepts.
//
// Parameters ($name: type = default; none = required):
// $from: concept   the first concept: key, label or any alias ("NTK"), case-insensitive
// $to: concept     the second concept
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param from => 'NTK';
:param to => 'Gaussian process';
MATCH (:Alias {name: toLower(trim($from))})-[:ALIAS_OF]->(a:Concept)
MATCH (:Alias {name: toLower(trim($to))})-[:ALIAS_OF]->(b:Concept)
WHERE a <> b
MATCH path = shortestPath((a)-[:CO_OCCURS*..8]-(b))
RETURN [n IN nodes(path) | n.label] AS concepts, length(path) AS hops,
       [r IN relationships(path) | r.weight] AS weights
ORDER BY hops, concepts
LIMIT 1;
