// Emerging and fading concepts: those whose share of the papers rose (or fell) significantly over
// the build's recent periods, by the trend test of the build (`--trend-periods`, `--trend-alpha`),
// by how far the share moved (first to last period of the trend), as the reports rank them.
// `ratio` is the last share over the first; `community` the concept's topic (or field).
//
// Parameters ($name: type = default; none = required):
// $direction: string = both   emerging, fading, or both (`papergraph query` refuses another word)
// $minPapers: integer = 10    minimum dated papers in the periods the trend is fitted over
// $community: integer = -1    only concepts of this topic (a field with level field; -1 = all; must exist)
// $level: level = topic       topic, or field: the level of $community and of `community`
// $limit: integer = 20        how many concepts
// $corpus: string = default   the corpus (`build --corpus`) whose communities these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param direction => 'both';
:param minPapers => 10;
:param community => -1;
:param level => 'topic';
:param limit => 20;
:param corpus => 'default';
MATCH (c:Concept)
WHERE c.trend IN CASE toLower($direction) WHEN 'both' THEN ['emerging', 'fading'] ELSE [toLower($direction)] END
  AND c.trendPapers >= $minPapers
  AND ($community < 0 OR EXISTS { (c)-[:IN_COMMUNITY]->(:Community {corpus: $corpus, level: $level, id: $community}) })
WITH c, abs(c.trendLastShare - c.trendFirstShare) AS moved
ORDER BY moved DESC, c.trendG2 DESC, c.key
LIMIT $limit
OPTIONAL MATCH (c)-[:IN_COMMUNITY]->(m:Community {corpus: $corpus, level: $level})
RETURN c.label AS concept, c.key AS key, c.trend AS direction,
       round(c.trendFirstShare, 5) AS firstShare, round(c.trendLastShare, 5) AS lastShare,
       CASE WHEN c.trendFirstShare > 0 THEN round(c.trendLastShare / c.trendFirstShare, 3) END AS ratio,
       round(c.trendSlope, 4) AS slope, c.trendP AS p, c.trendPapers AS papers,
       m.id AS community, m.label AS communityLabel
ORDER BY moved DESC, c.trendG2 DESC, key;
