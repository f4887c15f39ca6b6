/**
 * `POST /graphql`: parse, validate against GitHub's schema, apply the pagination/node-limit rules
 * and the point cost statically (with variables), charge the budget, then execute.
 */
import {
	Kind, execute, getOperationAST, getVariableValues, parse, validate,
	type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLError, type OperationDefinitionNode,
} from 'graphql';
import type { BudgetSnapshot, TokenRec } from './auth';
import { analyseCost, type CostReport } from './cost';
import { formatExecutionError, formatSyntaxError, formatValidationError, type GitHubGraphQLError } from './errors';
import { json, type Reply } from './http';
import { MutationRoot } from './mutations';
import { QueryRoot, strictFieldResolver, typenameResolver } from './resolvers';
import { githubSchema } from './schema';
import type { Store } from './store';
import { iso } from './time';
import type { GqlContext } from './viewBase';

/** A parsed GraphQL request, before authentication. */
export type PreparedGraphql =
	| { ok: true; document: DocumentNode; operation: OperationDefinitionNode; operationName: string | null; isMutation: boolean; mutations: string[]; query: string; variables: Record<string, unknown> }
	| { ok: false; reply: Reply; operationName: string | null };

function errorsOnly(errors: GitHubGraphQLError[]): Reply {
	return json(200, { errors });
}

function parseRequest(body: Buffer): { query: unknown; variables: unknown; operationName: unknown } | null {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
		return typeof parsed === 'object' && parsed !== null ? { query: parsed['query'], variables: parsed['variables'], operationName: parsed['operationName'] } : null;
	} catch {
		return null;
	}
}

/** Parses the request body and picks the operation (no side effects). */
export function prepareGraphql(body: Buffer): PreparedGraphql {
	const req = parseRequest(body);
	if (!req) return { ok: false, operationName: null, reply: json(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' }) };
	const name = typeof req.operationName === 'string' && req.operationName ? req.operationName : null;
	if (typeof req.query !== 'string' || !req.query.trim()) {
		return { ok: false, operationName: name, reply: errorsOnly([{ message: 'A query attribute must be specified and must be a string.' }]) };
	}
	let document: DocumentNode;
	try {
		document = parse(req.query);
	} catch (e) {
		return { ok: false, operationName: name, reply: errorsOnly([formatSyntaxError(e as GraphQLError)]) };
	}
	const operation = getOperationAST(document, name);
	if (!operation) {
		const message = name ? `No operation named "${name}"` : 'An operation name is required when the document contains multiple operations';
		return { ok: false, operationName: name, reply: errorsOnly([{ message }]) };
	}
	const isMutation = operation.operation === 'mutation';
	const mutations = isMutation ? operation.selectionSet.selections.flatMap(s => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
	const variables = typeof req.variables === 'object' && req.variables !== null ? (req.variables as Record<string, unknown>) : {};
	return { ok: true, document, operation, operationName: operation.name?.value ?? name, isMutation, mutations, query: req.query, variables };
}

const validationCache = new Map<string, readonly GraphQLError[]>();

function validated(query: string, document: DocumentNode): readonly GraphQLError[] {
	let errors = validationCache.get(query);
	if (!errors) {
		errors = validate(githubSchema(), document);
		if (validationCache.size > 500) validationCache.clear();
		validationCache.set(query, errors);
	}
	return errors;
}

/** The result of the static checks: either an error reply, or the cost and coerced variables. */
export type Checked = { ok: false; reply: Reply } | { ok: true; report: CostReport; cost: number; dryRun: boolean };

/** Validates the document, coerces variables and analyses pagination and cost (before any charge). */
export function checkGraphql(p: Extract<PreparedGraphql, { ok: true }>): Checked {
	const schema = githubSchema();
	const invalid = validated(p.query, p.document);
	if (invalid.length) return { ok: false, reply: errorsOnly(invalid.map(formatValidationError)) };
	const coerced = getVariableValues(schema, p.operation.variableDefinitions ?? [], p.variables);
	if (coerced.errors) return { ok: false, reply: errorsOnly(coerced.errors.map(formatValidationError)) };
	const fragments = new Map(p.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map(d => [d.name.value, d]));
	const report = analyseCost(schema, p.operation, fragments, coerced.coerced);
	if (report.errors.length) return { ok: false, reply: errorsOnly(report.errors) };
	const dryRun = !p.isMutation && isDryRun(p.operation, coerced.coerced);
	return { ok: true, report, cost: p.isMutation ? 1 : report.cost, dryRun };
}

function isDryRun(op: OperationDefinitionNode, vars: Record<string, unknown>): boolean {
	return op.selectionSet.selections.some(s => {
		if (s.kind !== Kind.FIELD || s.name.value !== 'rateLimit') return false;
		const arg = s.arguments?.find(a => a.name.value === 'dryRun');
		if (!arg) return false;
		return arg.value.kind === Kind.VARIABLE ? vars[arg.value.name.value] === true : arg.value.kind === Kind.BOOLEAN && arg.value.value;
	});
}

/** Keeps only the top-level `rateLimit` fields (a dry run evaluates nothing else). */
function rateLimitOnly(doc: DocumentNode, op: OperationDefinitionNode): DocumentNode {
	const selections = op.selectionSet.selections.filter(s => s.kind === Kind.FIELD && s.name.value === 'rateLimit');
	const operation: OperationDefinitionNode = { ...op, selectionSet: { ...op.selectionSet, selections } };
	return { ...doc, definitions: doc.definitions.map(d => (d === op ? operation : d)) };
}

/** Runs a checked operation for a token whose budget has been charged. */
export function executeGraphql(
	store: Store, token: TokenRec, p: Extract<PreparedGraphql, { ok: true }>, checked: Extract<Checked, { ok: true }>, budget: BudgetSnapshot,
): Reply {
	const context: GqlContext = {
		store, viewer: token.user, scopes: token.scopes,
		rate: { cost: checked.cost, limit: budget.limit, remaining: budget.remaining, used: budget.used, resetAt: iso(budget.resetAt), nodeCount: checked.report.nodeCount },
	};
	const document = checked.dryRun ? rateLimitOnly(p.document, p.operation) : p.document;
	const result = execute({
		schema: githubSchema(), document, operationName: p.operationName ?? undefined, variableValues: p.variables, contextValue: context,
		rootValue: p.isMutation ? new MutationRoot(context) : new QueryRoot(context),
		fieldResolver: strictFieldResolver, typeResolver: typenameResolver,
	}) as ExecutionResult;
	if (typeof (result as unknown as Promise<unknown>).then === 'function') throw new Error('Sandbox resolvers must be synchronous');
	const body: Record<string, unknown> = { data: result.data ?? null };
	if (result.errors?.length) body['errors'] = result.errors.map(formatExecutionError);
	return json(200, body);
}
