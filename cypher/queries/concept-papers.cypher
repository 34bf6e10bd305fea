// A concept's papers, rolled up with its narrower concepts' ("Hopfield network" also returns the
// papers that write only "modern Hopfield network"), most mentions first. `via` names the
// narrower concept a paper reaches it through (the concept itself when it mentions it).
//
// Parameters ($name: type = default; none = required):
// $concept: concept      the concept: its key, label or any alias ("NTK"), case-insensitive
// $limit: integer = 50   how many papers
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param concept => 'Hopfield network';
:param limit => 50;
MATCH (:Alias {name: toLower(trim($concept))})-[:ALIAS_OF]->(c:Concept)
MATCH (n:Concept)-[:BROADER*0..]->(c)
MATCH (p:Paper)-[m:MENTIONS]->(n)
WITH c, p, collect(n.label) AS via, sum(m.count) AS mentions
RETURN c.label AS concept, p.id AS paper, p.title AS title, p.year AS year, via, mentions
ORDER BY mentions DESC, paper
LIMIT $limit;
