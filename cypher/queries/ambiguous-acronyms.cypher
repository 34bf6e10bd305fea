// Ambiguous acronyms: short forms that name more than one concept in the corpus (e.g. "GP"
// for Gaussian process and genetic programming), with each sense and the papers defining it
// when the extraction recorded them.
// $limit = 50   how many acronyms
MATCH (a:Alias)-[r:ALIAS_OF]->(c:Concept)
WITH a, collect({concept: c.label, key: c.key, long: r.long, papers: r.papers, df: c.df}) AS senses
WHERE size(senses) > 1
  AND any(f IN a.forms WHERE f =~ '[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*' AND size(f) <= 12)
UNWIND senses AS sense
WITH a, sense
ORDER BY sense.df DESC, sense.key
WITH a, collect(sense) AS senses
RETURN [f IN a.forms WHERE f =~ '[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*'][0] AS acronym,
       size(senses) AS meanings,
       [s IN senses | s.concept] AS concepts,
       [s IN senses | s.key] AS keys,
       [s IN senses | coalesce(s.papers, [])] AS definedIn
ORDER BY meanings DESC, acronym
LIMIT $limit
