// Bridge concepts between two communities (two topics, or two fields with level field):
// concepts of either community with co-occurrence links into the other, most papers shared
// with the other community's concepts first (summed over the links; total link weight among
// equals). `community` is the bridge's home (a or b); `topic` is its topic's label.
//
// Parameters ($name: type = default; none = required):
// $a: community               one community id
// $b: community               the other community id
// $level: level = topic       topic, or field (a and b are then field ids)
// $limit: integer = 20        how many concepts
// $corpus: string = default   the corpus (`build --corpus`) whose communities these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param a => 0;
:param b => 1;
:param level => 'topic';
:param limit => 20;
:param corpus => 'default';
MATCH (ma:Community {corpus: $corpus, level: $level, id: $a}), (mb:Community {corpus: $corpus, level: $level, id: $b})
WHERE ma <> mb
MATCH (x:Concept)-[:IN_COMMUNITY]->(home:Community)
WHERE home IN [ma, mb]
WITH x, home, CASE home WHEN ma THEN mb ELSE ma END AS other
MATCH (x)-[r:CO_OCCURS]-(y:Concept)-[:IN_COMMUNITY]->(other)
WITH x, home, count(DISTINCT y) AS links, sum(r.papers) AS papers, sum(r.weight) AS weight, collect(DISTINCT y.label) AS partners
OPTIONAL MATCH (x)-[:IN_COMMUNITY]->(topic:Community {corpus: $corpus, level: 'topic'})
RETURN x.label AS concept, x.key AS key, home.id AS community, topic.label AS topic, links, papers,
       round(weight, 4) AS weight, partners[..5] AS linksTo
ORDER BY papers DESC, weight DESC, links DESC, key
LIMIT $limit;
