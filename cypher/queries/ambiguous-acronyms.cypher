// Ambiguous acronyms: short forms with more than one meaning in the corpus. Two sources: the
// acronyms the extraction flagged (one short form defined with different long forms, e.g. "LR"
// for learning rate and logistic regression; a rare sense may have no concept in the graph,
// see inGraph), and aliases that name two or more concepts of the graph.
//
// Parameters ($name: type = default; none = required):
// $limit: integer = 50   how many acronyms
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param limit => 50;
CALL () {
  MATCH (a:Alias)
  WHERE size(coalesce(a.senseKeys, [])) > 1
  RETURN a, a.senseKeys AS keys, a.senseLongs AS longForms
  UNION
  MATCH (a:Alias)-[:ALIAS_OF]->(c:Concept)
  WHERE size(coalesce(a.senseKeys, [])) < 2
  WITH a, c
  ORDER BY c.key
  WITH a, collect(c.key) AS keys, collect(c.label) AS longForms
  WHERE size(keys) > 1
    AND any(f IN a.forms WHERE size(f) <= 12 AND f =~ '[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*')
  RETURN a, keys, longForms
}
RETURN coalesce(a.short, [f IN a.forms WHERE f =~ '.*[A-Z].*'][0], a.name) AS acronym,
       size(keys) AS meanings, longForms, keys,
       [k IN keys | EXISTS { MATCH (:Concept {key: k}) }] AS inGraph
ORDER BY meanings DESC, acronym
LIMIT $limit;
