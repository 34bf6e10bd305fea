// A concept's neighbours in the co-occurrence graph, strongest link first.
// $concept      the concept: its key, label or any alias ("NTK"), case-insensitive
// $limit = 20   how many neighbours
MATCH (:Alias {name: toLower(trim($concept))})-[:ALIAS_OF]->(c:Concept)
MATCH (c)-[r:CO_OCCURS]-(n:Concept)
RETURN c.label AS concept, n.label AS neighbour, n.key AS neighbourKey,
       r.weight AS weight, r.papers AS papers
ORDER BY weight DESC, papers DESC, neighbourKey
LIMIT $limit
