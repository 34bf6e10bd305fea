// Papers linking two concepts: the Concept–Paper–Concept paths, i.e. papers mentioning both,
// best first (sum of the two mention scores), with the sentence where each concept occurs.
//
// Parameters ($name: type = default; none = required):
// $a: concept            the first concept: key, label or any alias ("NTK"), case-insensitive
// $b: concept            the second concept ("Gaussian process")
// $limit: integer = 20   how many papers
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param a => 'NTK';
:param b => 'Gaussian process';
:param limit => 20;
MATCH (:Alias {name: toLower(trim($a))})-[:ALIAS_OF]->(ca:Concept)
MATCH (:Alias {name: toLower(trim($b))})-[:ALIAS_OF]->(cb:Concept)
WHERE ca <> cb
MATCH (ca)<-[ra:MENTIONS]-(p:Paper)-[rb:MENTIONS]->(cb)
WITH p, round(ra.score + rb.score, 4) AS score, ra.evidence AS ea, rb.evidence AS eb
ORDER BY score DESC, p.id
LIMIT $limit
// MENTIONS evidence is offsets: [field (0 title, 1 abstract), sentence start, sentence end, ...].
RETURN p.id AS paper, p.title AS title, p.year AS year, score,
       substring(CASE ea[0] WHEN 0 THEN p.title ELSE p.abstract END, ea[1], ea[2] - ea[1]) AS evidenceA,
       substring(CASE eb[0] WHEN 0 THEN p.title ELSE p.abstract END, eb[1], eb[2] - eb[1]) AS evidenceB;
