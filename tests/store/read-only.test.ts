/**
 * Which plans only read the graph: the operators below are those Neo4j 5.26 returns for
 * `EXPLAIN` of each statement (`result.summary.plan`, children nested).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { explainStatement, positionsInStatement, refusalError, refusedOperators, type PlanOperator } from '../../src/store/read-only.js';

/** A plan from `[operatorType, details]` pairs, each the only child of the one before. */
function chain(...ops: Array<[string, string?]>): PlanOperator {
  const [first, ...rest] = ops;
  return { operatorType: first![0], arguments: { Details: first![1] ?? '' }, children: rest.length ? [chain(...rest)] : [] };
}

describe('refusedOperators', () => {
  it.each([
    ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", chain(['ProduceResults@neo4j', 'row'], ['LoadCSV@neo4j', 'row']), 'LOAD CSV', 'LoadCSV'],
    ["TERMINATE TRANSACTION 'neo4j-transaction-1'", chain(['ProduceResults@neo4j'], ['TerminateTransactions@neo4j', 'defaultColumns, transactions(neo4j-transaction-1)']), 'TERMINATE TRANSACTIONS', 'TerminateTransactions'],
    ['SHOW TRANSACTIONS', chain(['ProduceResults@neo4j'], ['ShowTransactions@neo4j', 'defaultColumns, allTransactions']), 'SHOW TRANSACTIONS', 'ShowTransactions'],
    ['SHOW USERS', chain(['AdministrationCommand@system']), 'an administration command (system database)', 'AdministrationCommand'],
    ['CALL db.clearQueryCaches()', chain(['ProduceResults@neo4j', 'value'], ['ProcedureCall@neo4j', 'db.clearQueryCaches() :: (value :: STRING)']), 'CALL db.clearQueryCaches', 'ProcedureCall'],
    ['CREATE (n:Probe) RETURN n', chain(['ProduceResults@neo4j', 'n'], ['Create@neo4j', '(n:Probe)']), 'CREATE', 'Create'],
    ['MATCH (n) DETACH DELETE n', chain(['ProduceResults@neo4j'], ['EmptyResult@neo4j'], ['DetachDelete@neo4j', 'n'], ['AllNodesScan@neo4j', 'n']), 'DETACH DELETE', 'DetachDelete'],
    ['MATCH (n) SET n.x = 1', chain(['ProduceResults@neo4j'], ['EmptyResult@neo4j'], ['SetProperty@neo4j', 'n.x = $autoint_0'], ['AllNodesScan@neo4j', 'n']), 'SET', 'SetProperty'],
    ['SHOW PROCEDURES', chain(['ProduceResults@neo4j'], ['ShowProcedures@neo4j', 'proceduresForUser(all), defaultColumns']), 'SHOW PROCEDURES', 'ShowProcedures'],
  ])('%s: refused, naming %s', (_statement, plan, clause, operator) => {
    expect(refusedOperators(plan)).toEqual([{ clause, operator }]);
  });

  it('finds a write inside CALL { … } IN TRANSACTIONS, each once', () => {
    const plan: PlanOperator = {
      operatorType: 'ProduceResults@neo4j',
      arguments: {},
      children: [
        chain(['EmptyResult@neo4j']),
        {
          operatorType: 'TransactionForeach@neo4j',
          arguments: { Details: 'IN TRANSACTIONS OF 1000 ROWS ON ERROR FAIL' },
          children: [chain(['AllNodesScan@neo4j', 'n']), chain(['DetachDelete@neo4j', 'n'], ['Argument@neo4j', 'n']), chain(['DetachDelete@neo4j', 'm'])],
        },
      ],
    };
    expect(refusedOperators(plan)).toEqual([
      { clause: 'CALL { … } IN TRANSACTIONS', operator: 'TransactionForeach' },
      { clause: 'DETACH DELETE', operator: 'DetachDelete' },
    ]);
  });

  it.each([
    ['a shortest path over an index seek', chain(['ProduceResults@neo4j'], ['Top@neo4j'], ['ShortestPath@neo4j'], ['CartesianProduct@neo4j'], ['NodeUniqueIndexSeek@neo4j'])],
    ['a quantified path', chain(['ProduceResults@neo4j'], ['Projection@neo4j'], ['StatefulShortestPath(All)@neo4j'], ['NodeByLabelScan@neo4j'])],
    ['a schema-reading procedure', chain(['ProduceResults@neo4j', 'label'], ['ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)'])],
    ['a parallel-runtime scan', chain(['ProduceResults@neo4j'], ['PartitionedAllNodesScan@neo4j'])],
    ['SHOW INDEXES (the schema)', chain(['ProduceResults@neo4j'], ['ShowIndexes@neo4j', 'allIndexes, defaultColumns'])],
    ['SHOW CONSTRAINTS (the schema)', chain(['ProduceResults@neo4j'], ['ShowConstraints@neo4j', 'allConstraints, defaultColumns'])],
  ])('%s: reads only', (_name, plan) => {
    expect(refusedOperators(plan)).toEqual([]);
  });

  it('refuses an operator it does not know', () => {
    expect(refusedOperators(chain(['ProduceResults@neo4j'], ['SomeFutureOperator@neo4j']))).toEqual([
      { clause: 'SomeFutureOperator', operator: 'SomeFutureOperator' },
    ]);
  });
});

describe('refusalError', () => {
  it('is one line naming the clause and the way to run it', () => {
    const error = refusalError([{ clause: 'LOAD CSV', operator: 'LoadCSV' }]);
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('E_QUERY');
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/LOAD CSV \(plan operator LoadCSV\).*--write/);
  });
});

describe('explainStatement', () => {
  it.each([
    ['MATCH (n) RETURN n', 'EXPLAIN MATCH (n) RETURN n'],
    ['PROFILE MATCH (n) RETURN n', 'EXPLAIN MATCH (n) RETURN n'],
    ['// why\n  profile MATCH (n) RETURN n', '// why\n  EXPLAIN MATCH (n) RETURN n'],
    ['EXPLAIN MATCH (n) RETURN n', 'EXPLAIN MATCH (n) RETURN n'],
  ])('%j → %j (PROFILE would run the statement)', (cypher, expected) => {
    expect(explainStatement(cypher)).toBe(expected);
  });
});

describe('positionsInStatement', () => {
  it("moves the server's positions back past the EXPLAIN it did not write", () => {
    // What Neo4j 5.26 says of `EXPLAIN MATC (n) RETURN n`.
    const message = "Invalid input 'MATC': expected 'MATCH' (line 1, column 9 (offset: 8))";
    expect(positionsInStatement(message, 'MATC (n) RETURN n')).toBe("Invalid input 'MATC': expected 'MATCH' (line 1, column 1 (offset: 0))");
    expect(positionsInStatement('x (line 2, column 3 (offset: 20))', 'MATCH (n)\nRETRN n')).toBe('x (line 2, column 3 (offset: 12))');
    // A statement that had its own EXPLAIN was sent as written.
    expect(positionsInStatement(message, 'EXPLAIN MATC (n) RETURN n')).toBe(message);
  });
});
