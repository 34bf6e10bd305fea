// Bridge concepts between two communities: concepts of either community with co-occurrence
// links into the other, strongest total link weight first.
// $a            one community id
// $b            the other community id
// $limit = 20   how many concepts
MATCH (ma:Community {id: $a}), (mb:Community {id: $b})
WHERE ma <> mb
MATCH (x:Concept)-[:IN_COMMUNITY]->(home:Community)
WHERE home IN [ma, mb]
WITH x, home, CASE home WHEN ma THEN mb ELSE ma END AS other
MATCH (x)-[r:CO_OCCURS]-(y:Concept)-[:IN_COMMUNITY]->(other)
WITH x, home, count(DISTINCT y) AS links, sum(r.weight) AS weight, collect(DISTINCT y.label) AS partners
RETURN x.label AS concept, x.key AS key, home.id AS community, links,
       round(weight, 4) AS weight, partners[..5] AS linksTo
ORDER BY weight DESC, links DESC, key
LIMIT $limit
