// A concept's neighbours in the co-occurrence graph, most shared papers first (association
// strength among equals, so a one-paper pair never comes before a twenty-paper one).
//
// Parameters ($name: type = default; none = required):
// $concept: concept      the concept: its key, label or any alias ("NTK"), case-insensitive
// $limit: integer = 20   how many neighbours
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param concept => 'NTK';
:param limit => 20;
MATCH (:Alias {name: toLower(trim($concept))})-[:ALIAS_OF]->(c:Concept)
MATCH (c)-[r:CO_OCCURS]-(n:Concept)
RETURN c.label AS concept, n.label AS neighbour, n.key AS neighbourKey,
       r.weight AS weight, r.papers AS papers
ORDER BY papers DESC, weight DESC, neighbourKey
LIMIT $limit;
