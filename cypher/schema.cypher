// PaperGraph schema: uniqueness constraints (each also backs an index) and the indexes the
// named queries use, no more: every index is updated by every write. Every statement is idempotent (IF NOT EXISTS); PaperGraph applies this
// file before every write. Paste it into Neo4j Browser or cypher-shell to apply it by hand.

CREATE CONSTRAINT paper_id IF NOT EXISTS
FOR (p:Paper) REQUIRE p.id IS UNIQUE;

CREATE CONSTRAINT concept_key IF NOT EXISTS
FOR (c:Concept) REQUIRE c.key IS UNIQUE;

// A community is numbered within its corpus and level: two corpora each have a topic 0, and a
// corpus has a topic 0 and a field 0.
DROP CONSTRAINT community_id IF EXISTS;
DROP CONSTRAINT community_corpus_id IF EXISTS;
CREATE CONSTRAINT community_corpus_level_id IF NOT EXISTS
FOR (m:Community) REQUIRE (m.corpus, m.level, m.id) IS UNIQUE;

// Every lower-cased key, label and alias of a concept ("ntk", "neural tangent kernel"): concept
// parameters of the named queries are looked up here, so "NTK" finds the concept by index.
CREATE CONSTRAINT alias_name IF NOT EXISTS
FOR (a:Alias) REQUIRE a.name IS UNIQUE;

// A paper written under one of its ids is found by another (see src/store/paper-identity.ts):
// its DOI is in its id; its arXiv, own and title ids, when it has a better one, are not.
CREATE INDEX paper_arxiv_id IF NOT EXISTS
FOR (p:Paper) ON (p.arxivId);
CREATE INDEX paper_given_id IF NOT EXISTS
FOR (p:Paper) ON (p.givenId);
CREATE INDEX paper_title_id IF NOT EXISTS
FOR (p:Paper) ON (p.titleId);

// Concepts rising by year (the corpus's years read from the index), papers of a period.
CREATE INDEX paper_year IF NOT EXISTS
FOR (p:Paper) ON (p.year);


// Indexes that earlier versions created and no named query uses: each slowed every write.
DROP INDEX concept_community IF EXISTS;
DROP INDEX paper_community IF EXISTS;
DROP INDEX concept_df IF EXISTS;
DROP INDEX cooccurs_weight IF EXISTS;
