/**
 * Static analysis of a GraphQL operation before execution, as GitHub does it: every connection
 * that selects `nodes` or `edges` needs `first` or `last` in 1..100, the query may touch at most 500,000 nodes, and the point cost
 * is the sum over connections of the requests needed to fill them (the product of the enclosing
 * connections' page sizes), divided by 100, rounded, at least 1.
 */
import {
	GraphQLBoolean, GraphQLInt, Kind, getLocation, getNamedType, isCompositeType, valueFromAST,
	type DirectiveNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
	type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { GitHubGraphQLError } from './errors';

/** GitHub's per-query node limit. */
export const MAX_NODES = 500_000;
/** GitHub's largest page. */
export const MAX_PAGE = 100;

/** The outcome of the static analysis. */
export interface CostReport {
	/** Requests needed to fill every connection. */
	readonly requests: number;
	/** Points: max(1, round(requests / 100)). */
	readonly cost: number;
	/** Upper bound of nodes returned. */
	readonly nodeCount: number;
	/** Pagination or node-limit errors; when non-empty the query must not run. */
	readonly errors: GitHubGraphQLError[];
}

type Vars = Record<string, unknown>;

interface Walk {
	readonly schema: GraphQLSchema;
	readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
	readonly variables: Vars;
	requests: number;
	nodes: number;
	nodeError: GitHubGraphQLError | null;
	readonly errors: GitHubGraphQLError[];
}

function included(directives: readonly DirectiveNode[] | undefined, variables: Vars): boolean {
	for (const d of directives ?? []) {
		const arg = d.arguments?.find(a => a.name.value === 'if');
		if (!arg) continue;
		const value = valueFromAST(arg.value, GraphQLBoolean, variables);
		if (d.name.value === 'skip' && value === true) return false;
		if (d.name.value === 'include' && value === false) return false;
	}
	return true;
}

function argInt(field: FieldNode, name: string, variables: Vars): number | null | undefined {
	const arg = field.arguments?.find(a => a.name.value === name);
	if (!arg) return undefined;
	const value = valueFromAST(arg.value, GraphQLInt, variables) as number | null | undefined;
	return value ?? null;
}

function isConnection(def: GraphQLField<unknown, unknown>): boolean {
	return getNamedType(def.type).name.endsWith('Connection') && def.args.some(a => a.name === 'first' || a.name === 'last');
}

function location(field: FieldNode): { line: number; column: number }[] | undefined {
	const loc = field.loc;
	if (!loc) return undefined;
	const { line, column } = getLocation(loc.source, loc.start);
	return [{ line, column }];
}

/** True when a connection's selection reads `nodes` or `edges` (a count-only selection needs no page size). */
function selectsItems(w: Walk, set: SelectionSetNode | undefined): boolean {
	return (set?.selections ?? []).some(sel => {
		if (sel.kind === Kind.FIELD) return sel.name.value === 'nodes' || sel.name.value === 'edges';
		if (sel.kind === Kind.INLINE_FRAGMENT) return selectsItems(w, sel.selectionSet);
		return selectsItems(w, w.fragments.get(sel.name.value)?.selectionSet);
	});
}

/**
 * Checks `first`/`last` and returns the page size (0 for a count-only selection such as
 * `issues(states: OPEN) { totalCount }`, which GitHub accepts), or null after recording an error.
 */
function pageSize(w: Walk, field: FieldNode, path: string[]): number | null {
	const name = field.name.value;
	const first = argInt(field, 'first', w.variables);
	const last = argInt(field, 'last', w.variables);
	const err = (message: string, type: string) => {
		w.errors.push({ type, path: [...path], locations: location(field), message });
		return null;
	};
	if (first == null && last == null) {
		if (!selectsItems(w, field.selectionSet)) return 0;
		return err(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, 'MISSING_PAGINATION_BOUNDARIES');
	}
	if (first != null && last != null) {
		return err(`Passing both \`first\` and \`last\` to paginate the \`${name}\` connection is not supported.`, 'EXCESSIVE_PAGINATION');
	}
	const which = first != null ? 'first' : 'last';
	const n = (first ?? last)!;
	if (n > MAX_PAGE) {
		return err(`Requesting ${n} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`, 'EXCESSIVE_PAGINATION');
	}
	if (n < 1) return err(`\`${which}\` on the \`${name}\` connection must be between 1 and ${MAX_PAGE}, got ${n}.`, 'EXCESSIVE_PAGINATION');
	return n;
}

function visitField(w: Walk, parent: GraphQLCompositeType, field: FieldNode, multiplier: number, path: string[]): void {
	if (!('getFields' in parent)) return;
	const def = parent.getFields()[field.name.value];
	if (!def) return;
	const here = [...path, field.alias?.value ?? field.name.value];
	let inner = multiplier;
	if (isConnection(def)) {
		const size = pageSize(w, field, here);
		if (size === null) return;
		w.requests += multiplier;
		w.nodes += multiplier * size;
		if (size === 0) return;
		if (w.nodes > MAX_NODES && !w.nodeError) {
			w.nodeError = {
				type: 'MAX_NODE_LIMIT_EXCEEDED', path: here, locations: location(field),
				message: `By the time this query traverses to the ${field.name.value} connection, it is requesting up to ${w.nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
			};
		}
		inner = multiplier * size;
	} else if (field.name.value === 'nodes' && parent.name === 'Query') {
		const ids = field.arguments?.find(a => a.name.value === 'ids');
		const count = ids ? (valueFromAST(ids.value, def.args[0]!.type, w.variables) as unknown[] | undefined)?.length ?? 0 : 0;
		if (count > MAX_PAGE) w.errors.push({ type: 'EXCESSIVE_PAGINATION', path: here, message: `You may not request more than ${MAX_PAGE} node IDs at once (got ${count}).` });
	}
	const type = getNamedType(def.type);
	if (field.selectionSet && isCompositeType(type)) visitSelections(w, type, field.selectionSet, inner, here);
}

function visitSelections(w: Walk, parent: GraphQLCompositeType, set: SelectionSetNode, multiplier: number, path: string[]): void {
	for (const sel of set.selections) {
		if (!included(sel.directives, w.variables)) continue;
		if (sel.kind === Kind.FIELD) {
			visitField(w, parent, sel, multiplier, path);
		} else if (sel.kind === Kind.INLINE_FRAGMENT) {
			const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
			if (t && isCompositeType(t)) visitSelections(w, t, sel.selectionSet, multiplier, path);
		} else {
			const frag = w.fragments.get(sel.name.value);
			const t = frag && w.schema.getType(frag.typeCondition.name.value);
			if (frag && t && isCompositeType(t)) visitSelections(w, t, frag.selectionSet, multiplier, path);
		}
	}
}

/** Points for a number of requests (GitHub's formula). */
export function pointsFor(requests: number): number {
	return Math.max(1, Math.round(requests / 100));
}

/**
 * Analyses a validated operation with its coerced variables. Mutations are analysed the same way
 * (their payload selections must paginate too), but the caller charges them 1 point.
 */
export function analyseCost(
	schema: GraphQLSchema,
	operation: OperationDefinitionNode,
	fragments: ReadonlyMap<string, FragmentDefinitionNode>,
	variables: Vars,
): CostReport {
	const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
	const w: Walk = { schema, fragments, variables, requests: 0, nodes: 0, nodeError: null, errors: [] };
	if (root) visitSelections(w, root, operation.selectionSet, 1, [operation.name ? `${operation.operation} ${operation.name.value}` : operation.operation]);
	const errors = w.errors.length ? w.errors : w.nodeError ? [w.nodeError] : [];
	return { requests: w.requests, cost: pointsFor(w.requests), nodeCount: w.nodes, errors };
}
