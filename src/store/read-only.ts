/**
 * Read-only statements
 * ====================
 *
 * A read transaction stops writes, but not what reaches outside the graph: `LOAD CSV` reads
 * files and fetches URLs, `TERMINATE TRANSACTIONS` aborts another client's work, `SHOW
 * TRANSACTIONS` shows other sessions' query text, and procedures such as
 * `db.clearQueryCaches()` change the server. So `query` without `--write` first asks the server
 * for the statement's plan (`EXPLAIN`, which runs nothing) and runs it only when every operator
 * of that plan is one that reads the graph ({@link READ_OPERATORS}), every procedure it calls
 * one that reads the schema ({@link READ_PROCEDURES}). An allow-list, not a block-list: an
 * operator a later Neo4j adds is refused until it is known to only read. Administration
 * commands (`SHOW USERS`) plan as one `AdministrationCommand` and are refused with the rest; a
 * statement that cannot be planned at all is refused too.
 */
import { UserError } from '../errors.js';

/** Plan operators that only read the graph (the name before `@`, e.g. `Expand(All)@neo4j`). */
export const READ_OPERATORS: ReadonlySet<string> = new Set([
  // Leaves: scans and seeks of nodes and relationships, counts from the count store.
  'AllNodesScan', 'NodeByLabelScan', 'NodeByIdSeek', 'NodeByElementIdSeek', 'NodeIndexScan', 'NodeIndexSeek',
  'NodeUniqueIndexSeek', 'NodeIndexSeekByRange', 'NodeUniqueIndexSeekByRange', 'NodeIndexContainsScan',
  'NodeIndexEndsWithScan', 'MultiNodeIndexSeek', 'AssertingMultiNodeIndexSeek', 'IntersectionNodeByLabelsScan',
  'UnionNodeByLabelsScan', 'SubtractionNodeByLabelsScan', 'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan', 'DirectedUnionRelationshipTypesScan', 'UndirectedUnionRelationshipTypesScan',
  'DirectedAllRelationshipsScan', 'UndirectedAllRelationshipsScan', 'DirectedRelationshipByIdSeek',
  'UndirectedRelationshipByIdSeek', 'DirectedRelationshipByElementIdSeek', 'UndirectedRelationshipByElementIdSeek',
  'DirectedRelationshipIndexScan', 'UndirectedRelationshipIndexScan', 'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek', 'DirectedRelationshipUniqueIndexSeek', 'UndirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipIndexSeekByRange', 'UndirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipUniqueIndexSeekByRange', 'UndirectedRelationshipUniqueIndexSeekByRange',
  'DirectedRelationshipIndexContainsScan', 'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan', 'UndirectedRelationshipIndexEndsWithScan',
  'NodeCountFromCountStore', 'RelationshipCountFromCountStore', 'Argument', 'ArgumentTracker', 'Input',
  // Traversals.
  'Expand(All)', 'Expand(Into)', 'OptionalExpand(All)', 'OptionalExpand(Into)', 'VarLengthExpand(All)',
  'VarLengthExpand(Into)', 'VarLengthExpand(Pruning)', 'VarLengthExpand(Pruning,BFS)',
  'VarLengthExpand(Pruning,BFS,All)', 'VarLengthExpand(Pruning,BFS,Into)', 'Repeat(Trail)', 'Repeat(Walk)',
  'NullifyMetadata', 'ShortestPath', 'StatefulShortestPath(All)', 'StatefulShortestPath(Into)', 'ProjectEndpoints',
  'TriadicSelection', 'TriadicBuild', 'TriadicFilter',
  // Combining rows.
  'Apply', 'SemiApply', 'AntiSemiApply', 'LetSemiApply', 'LetAntiSemiApply', 'SelectOrSemiApply',
  'SelectOrAntiSemiApply', 'LetSelectOrSemiApply', 'LetSelectOrAntiSemiApply', 'RollUpApply', 'ConditionalApply',
  'AntiConditionalApply', 'CartesianProduct', 'NodeHashJoin', 'ValueHashJoin', 'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin', 'Optional', 'Anti', 'Union', 'OrderedUnion',
  // Row operations.
  'ProduceResults', 'Filter', 'Projection', 'Unwind', 'Limit', 'ExhaustiveLimit', 'Skip', 'Sort', 'PartialSort',
  'Top', 'PartialTop', 'Distinct', 'OrderedDistinct', 'EagerAggregation', 'OrderedAggregation', 'Eager',
  'CacheProperties', 'AssertSameNode', 'AssertSameRelationship', 'EmptyResult',
  // Reads of the schema, as db.labels() is: the indexes and constraints the graph has.
  'ShowIndexes', 'ShowConstraints',
]);

/** Procedures that only read the schema (a `ProcedureCall` operator of another is refused). */
export const READ_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels', 'db.relationshipTypes', 'db.propertyKeys', 'db.schema.visualization',
  'db.schema.nodeTypeProperties', 'db.schema.relTypeProperties',
]);

/** One operator of a plan as the driver returns it (`result.summary.plan`). */
export interface PlanOperator {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanOperator[];
}

/** An operator of a plan that is not a read of the graph: the clause to name and the operator. */
export interface RefusedOperator {
  /** What the user wrote, as near as the plan tells: `LOAD CSV`, `CALL db.clearQueryCaches`. */
  clause: string;
  /** The plan operator, e.g. `LoadCSV`. */
  operator: string;
}

// Clauses of the write and administration operators, where the operator's name is not plain.
const CLAUSES: Record<string, string> = {
  AdministrationCommand: 'an administration command (system database)',
  LoadCSV: 'LOAD CSV',
  Create: 'CREATE',
  Merge: 'MERGE',
  LockingMerge: 'MERGE',
  Delete: 'DELETE',
  DetachDelete: 'DETACH DELETE',
  Foreach: 'FOREACH',
  SubqueryForeach: 'CALL { … } with writes',
  TransactionApply: 'CALL { … } IN TRANSACTIONS',
  TransactionForeach: 'CALL { … } IN TRANSACTIONS',
  RemoveLabels: 'REMOVE',
  SetLabels: 'SET',
};

/** `ShowTransactions` → `SHOW TRANSACTIONS`; `SetNodeProperty` → `SET`; else the operator. */
function clauseOf(operator: string, details: string): string {
  if (operator === 'ProcedureCall') return `CALL ${/^[\w.]+/.exec(details)?.[0] ?? 'of a procedure'}`;
  if (CLAUSES[operator]) return CLAUSES[operator];
  if (/^Set\w*Propert/.test(operator)) return 'SET';
  if (/^Remove/.test(operator)) return 'REMOVE';
  const words = /^(Show|Terminate|Create|Drop|Alter|Grant|Deny|Revoke)(\w+)$/.exec(operator);
  if (words) return `${words[1]}${words[2]!.replace(/([A-Z])/g, ' $1')}`.toUpperCase();
  return operator;
}

/**
 * The operators of a plan that do not only read the graph, in plan order (pure). Parallel
 * runtime variants (`Partitioned…`) count as the operator they partition.
 */
export function refusedOperators(plan: PlanOperator): RefusedOperator[] {
  const refused: RefusedOperator[] = [];
  const visit = (op: PlanOperator) => {
    const operator = op.operatorType.replace(/@.*$/, '').replace(/^Partitioned/, '');
    const details = String(op.arguments?.Details ?? '');
    const procedure = /^[\w.]+/.exec(details)?.[0] ?? '';
    const reads = operator === 'ProcedureCall' ? READ_PROCEDURES.has(procedure) : READ_OPERATORS.has(operator);
    if (!reads && !refused.some((r) => r.operator === operator && r.clause === clauseOf(operator, details))) {
      refused.push({ clause: clauseOf(operator, details), operator });
    }
    for (const child of op.children ?? []) visit(child);
  };
  visit(plan);
  return refused;
}

/** The one-line refusal of a statement whose plan has `refused` operators. */
export function refusalError(refused: readonly RefusedOperator[]): UserError {
  const uses = refused.map((r) => (r.clause === r.operator ? r.operator : `${r.clause} (plan operator ${r.operator})`)).join(', ');
  return new UserError(
    `query: without --write, only statements that read the graph run; this one uses ${uses}. Add --write to run it anyway`,
    'E_QUERY',
  );
}

const EXPLAIN_PREFIX = 'EXPLAIN ';

/** The statement to EXPLAIN: a leading `PROFILE` (which would run it) becomes `EXPLAIN`. */
export function explainStatement(cypher: string): string {
  const start = /^(\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|\s)*)(EXPLAIN|PROFILE)\b/i.exec(cypher);
  if (start) return `${start[1]}EXPLAIN${cypher.slice(start[0].length)}`;
  return `${EXPLAIN_PREFIX}${cypher}`;
}

/**
 * A server message about {@link explainStatement}'s text, with its positions (`line 1, column
 * 9 (offset: 8)`) moved back to the user's statement, which had no `EXPLAIN ` in front.
 */
export function positionsInStatement(message: string, cypher: string): string {
  if (explainStatement(cypher) !== `${EXPLAIN_PREFIX}${cypher}`) return message;
  const shift = EXPLAIN_PREFIX.length;
  return message.replace(/line (\d+), column (\d+) \(offset: (\d+)\)/g, (_m, line: string, column: string, offset: string) => {
    const col = line === '1' ? Math.max(1, Number(column) - shift) : Number(column);
    return `line ${line}, column ${col} (offset: ${Math.max(0, Number(offset) - shift)})`;
  });
}
