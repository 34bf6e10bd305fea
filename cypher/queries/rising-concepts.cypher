// Concepts rising by year: share of papers mentioning a concept from $since on, divided by its
// share before (add-one smoothed), for concepts with at least $minPapers recent papers.
//
// Parameters ($name: type = default; none = required):
// $since: integer = 0       first year of the recent period (0 = the corpus's latest year minus one)
// $minPapers: integer = 2   minimum recent papers mentioning the concept
// $limit: integer = 20      how many concepts
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param since => 0;
:param minPapers => 2;
:param limit => 20;
MATCH (p:Paper)
WHERE p.year IS NOT NULL
WITH max(p.year) AS latest
WITH CASE WHEN $since > 0 THEN $since ELSE latest - 1 END AS since
MATCH (p:Paper)
WHERE p.year IS NOT NULL
WITH since, count(CASE WHEN p.year >= since THEN 1 END) AS nRecent,
     count(CASE WHEN p.year < since THEN 1 END) AS nEarlier
MATCH (p:Paper)-[:MENTIONS]->(c:Concept)
WHERE p.year IS NOT NULL
WITH since, nRecent, nEarlier, c,
     sum(CASE WHEN p.year >= since THEN 1 ELSE 0 END) AS recent,
     sum(CASE WHEN p.year < since THEN 1 ELSE 0 END) AS earlier
WHERE recent >= $minPapers
RETURN c.label AS concept, c.key AS key, since, recent, earlier,
       round((toFloat(recent) / nRecent) / ((earlier + 1.0) / (nEarlier + 1.0)), 3) AS growth
ORDER BY growth DESC, recent DESC, key
LIMIT $limit;
