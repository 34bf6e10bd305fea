// Papers linking two concepts: the Concept–Paper–Concept paths, i.e. papers mentioning both,
// best first (sum of the two mention scores), with the sentence where each concept occurs.
// $a            the first concept: key, label or any alias ("NTK"), case-insensitive
// $b            the second concept ("Gaussian process")
// $limit = 20   how many papers
MATCH (:Alias {name: toLower(trim($a))})-[:ALIAS_OF]->(ca:Concept)
MATCH (:Alias {name: toLower(trim($b))})-[:ALIAS_OF]->(cb:Concept)
WHERE ca <> cb
MATCH (ca)<-[ra:MENTIONS]-(p:Paper)-[rb:MENTIONS]->(cb)
RETURN p.id AS paper, p.title AS title, p.year AS year,
       round(ra.score + rb.score, 4) AS score,
       ra.evidence[0] AS evidenceA, rb.evidence[0] AS evidenceB
ORDER BY score DESC, paper
LIMIT $limit
