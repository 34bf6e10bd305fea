// The strongest bursts of concepts: stretches of periods in which a concept's share of the papers
// rose to a higher state (Kleinberg's automaton, found by the build), strongest first. Optionally
// only bursts that overlap the years $from to $to, and only concepts of one topic (or field).
// `community` is the concept's topic (or field) in $corpus.
//
// Parameters ($name: type = default; none = required):
// $from: integer = 0          only bursts ending in this year or later (0 = no limit)
// $to: integer = 0            only bursts starting in this year or earlier (0 = no limit)
// $community: integer = -1    only concepts of this topic (a field with level field; -1 = all; must exist)
// $level: level = topic       topic, or field: the level of $community and of `community`
// $limit: integer = 20        how many bursts
// $corpus: string = default   the corpus (`build --corpus`) whose communities these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param from => 0;
:param to => 0;
:param community => -1;
:param level => 'topic';
:param limit => 20;
:param corpus => 'default';
MATCH (c:Concept)
WHERE c.burstStarts IS NOT NULL
  AND ($community < 0 OR EXISTS { (c)-[:IN_COMMUNITY]->(:Community {corpus: $corpus, level: $level, id: $community}) })
UNWIND range(0, size(c.burstStarts) - 1) AS i
// Periods are `2019` or `2019-03`: their first four characters are the year.
WITH c, c.burstStarts[i] AS startPeriod, c.burstEnds[i] AS endPeriod, c.burstWeights[i] AS w
WHERE ($from <= 0 OR toInteger(left(endPeriod, 4)) >= $from)
  AND ($to <= 0 OR toInteger(left(startPeriod, 4)) <= $to)
WITH c, startPeriod, endPeriod, w
ORDER BY w DESC, c.key, startPeriod
LIMIT $limit
OPTIONAL MATCH (c)-[:IN_COMMUNITY]->(m:Community {corpus: $corpus, level: $level})
RETURN c.label AS concept, c.key AS key, startPeriod, endPeriod, round(w, 3) AS weight,
       m.id AS community, m.label AS communityLabel
ORDER BY w DESC, key, startPeriod;
