// A corpus's fields, largest first, each with its topics (id, label, papers; largest first):
// the upper level of the research clusters and what it holds.
//
// Parameters ($name: type = default; none = required):
// $limit: integer = 50        how many fields
// $corpus: string = default   the corpus (`build --corpus`) whose fields these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param limit => 50;
:param corpus => 'default';
MATCH (f:Community {corpus: $corpus, level: 'field'})
OPTIONAL MATCH (t:Community {corpus: $corpus, level: 'topic'})-[:PART_OF]->(f)
WITH f, t
ORDER BY f.id, t.papers DESC, t.id
WITH f, collect(t {.id, .label, .papers}) AS topics
RETURN f.id AS field, f.label AS label, f.papers AS papers, f.size AS concepts, size(topics) AS topicCount, topics
ORDER BY field
LIMIT $limit;
