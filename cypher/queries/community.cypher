// A research community, a topic or a field: its key concepts first (topConcepts, as
// communities.json has them: the label's, then those most of its papers mention and that occur
// together), then its most central ones (by weighted degree); and its most representative papers
// (by the score of their mentions of the community's concepts).
//
// Parameters ($name: type = default; none = required):
// $community: community       the community id (0 = the largest topic, or field with level field)
// $level: level = topic       topic, or field (a field's concepts and papers are its topics')
// $limit: integer = 10        how many concepts and how many papers
// $corpus: string = default   the corpus (`build --corpus`) whose communities these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param community => 0;
:param level => 'topic';
:param limit => 10;
:param corpus => 'default';
MATCH (m:Community {corpus: $corpus, level: $level, id: $community})<-[:IN_COMMUNITY]-(c:Concept)
WITH m, c, coalesce(m.topConcepts, []) AS top
WITH m, c, [i IN range(0, size(top) - 1) WHERE top[i] = c.key][0] AS keyRank
ORDER BY coalesce(keyRank, size(top)), coalesce(c.weightedDegree, 0.0) DESC, c.df DESC, c.key
LIMIT $limit
RETURN m.level AS level, m.id AS community, m.label AS label, 'concept' AS kind, c.key AS id, c.label AS name,
       round(coalesce(c.weightedDegree, 0.0), 4) AS score
UNION ALL
MATCH (m:Community {corpus: $corpus, level: $level, id: $community})<-[:IN_COMMUNITY]-(p:Paper)
OPTIONAL MATCH (p)-[r:MENTIONS]->(:Concept)-[:IN_COMMUNITY]->(m)
WITH m, p, sum(coalesce(r.score, 0.0)) AS score
ORDER BY score DESC, p.id
LIMIT $limit
RETURN m.level AS level, m.id AS community, m.label AS label, 'paper' AS kind, p.id AS id, p.title AS name,
       round(score, 4) AS score;
