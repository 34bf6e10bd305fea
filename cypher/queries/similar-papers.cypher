// Papers most similar to a paper by the concepts they share, rarer shared concepts counting
// more (each weighs 1 / ln(1 + document frequency)).
//
// Parameters ($name: type = default; none = required):
// $paper: paper          the paper: its id ("arxiv:1806.07572") or its exact title, case-insensitive
// $limit: integer = 10   how many papers
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param paper => 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
:param limit => 10;
CALL () {
  MATCH (p:Paper {id: $paper}) RETURN p
  UNION
  MATCH (p:Paper) WHERE toLower(p.title) = toLower(trim($paper)) RETURN p
}
MATCH (p)-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(q:Paper)
WHERE q <> p
WITH p, q, count(c) AS shared, sum(1.0 / log(1.0 + c.df)) AS similarity, collect(c.label) AS concepts
RETURN q.id AS paper, q.title AS title, q.year AS year, shared,
       round(similarity, 4) AS similarity, concepts[..6] AS sharedConcepts
ORDER BY similarity DESC, shared DESC, paper
LIMIT $limit;
