// A topic's or field's papers per period of the build (years, or months in a short corpus), one
// row per period, with `burst` the weight of its burst that holds the period (null outside
// bursts) and the community's trend on every row (direction, slope, p-value).
//
// Parameters ($name: type = default; none = required):
// $community: community       the community id (0 = the largest topic, or field with level field)
// $level: level = topic       topic, or field
// $corpus: string = default   the corpus (`build --corpus`) whose communities these are
// The :param lines give cypher-shell and Neo4j Browser these values (an example for each
// required one), so the file pasted there runs as it is.
:param community => 0;
:param level => 'topic';
:param corpus => 'default';
MATCH (m:Community {corpus: $corpus, level: $level, id: $community})
UNWIND range(0, size(coalesce(m.periods, [])) - 1) AS i
// A merged sparse stretch is labelled `1965–1988`: it runs from its first to its last period.
WITH m, i, m.periods[i] AS period, split(m.periods[i], '–') AS span
WITH m, i, period, span[0] AS first, span[size(span) - 1] AS last
WITH m, i, period,
     [j IN range(0, size(coalesce(m.burstStarts, [])) - 1)
        WHERE m.burstStarts[j] <= first AND last <= m.burstEnds[j] | m.burstWeights[j]] AS bursts
RETURN m.level AS level, m.id AS community, m.label AS label, period, m.papersPerPeriod[i] AS papers,
       CASE WHEN size(bursts) > 0 THEN round(bursts[0], 3) END AS burst,
       m.trend AS trend, round(m.trendSlope, 4) AS slope, m.trendP AS p
ORDER BY i;
