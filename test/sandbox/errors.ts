/** GitHub's error shapes (GraphQL and REST) and the sandbox's error type for resolvers. */
import type { GraphQLError } from 'graphql';

/** Where GitHub's REST error bodies point. */
export const REST_DOCS = 'https://docs.github.com/rest';

/** A GraphQL error entry as GitHub sends it: `type` at the top level, graphql-ruby `extensions`. */
export interface GitHubGraphQLError {
	message: string;
	type?: string;
	path?: (string | number)[];
	locations?: { line: number; column: number }[];
	extensions?: Record<string, unknown>;
}

/** An error raised while executing; `type` becomes the top-level `type` (NOT_FOUND, FORBIDDEN, …). */
export class SandboxError extends Error {
	/** Creates an error with GitHub's `type`. */
	constructor(
		message: string,
		readonly type: string,
	) {
		super(message);
	}
}

/** The loud failure for any schema field the sandbox has no resolver for. */
export function notImplemented(typeName: string, fieldName: string): SandboxError {
	return new SandboxError(`Field '${typeName}.${fieldName}' is not implemented by the GitHub sandbox`, 'SANDBOX_NOT_IMPLEMENTED');
}

/** A REST error body. */
export function restError(message: string, documentationUrl = REST_DOCS): { message: string; documentation_url: string } {
	return { message, documentation_url: documentationUrl };
}

function locations(e: GraphQLError): { line: number; column: number }[] | undefined {
	return e.locations?.map(l => ({ line: l.line, column: l.column }));
}

type Rewrite = (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };

/** graphql-js validation messages rewritten into graphql-ruby's (GitHub's) wording and codes. */
const REWRITES: readonly (readonly [RegExp, Rewrite])[] = [
	[/^Cannot query field "(\w+)" on type "(\w+)"\./, m => ({
		message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
		extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
	})],
	[/^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./, m => ({
		message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
		extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
	})],
	[/^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\./, m => ({
		message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
		extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
	})],
	[/^Field "(\w+)" of type "(.+)" must have a selection of subfields/, m => ({
		message: `Field must have selections (field '${m[1]}' returns ${m[2].replace(/[[\]!]/g, '')} but has no selections. Did you mean '${m[1]} { ... }'?)`,
		extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2].replace(/[[\]!]/g, '') },
	})],
	[/^Variable "\$(\w+)" is never used in operation "(\w+)"\./, m => ({
		message: `Variable $${m[1]} is declared by ${m[2]} but not used`,
		extensions: { code: 'variableNotUsed', variableName: m[1] },
	})],
	[/^Variable "\$(\w+)" is not defined by operation "(\w+)"\./, m => ({
		message: `Variable $${m[1]} is used by ${m[2]} but not declared`,
		extensions: { code: 'variableNotDefined', variableName: m[1] },
	})],
	[/^Variable "\$(\w+)" of required type "(.+)" was not provided\./, m => ({
		message: `Variable $${m[1]} of type ${m[2]} was provided invalid value`,
		extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
	})],
	[/^Variable "\$(\w+)" got invalid value (.*?); (.*)$/s, m => ({
		message: `Variable $${m[1]} was provided invalid value`,
		extensions: { value: m[2], problems: [{ path: [], explanation: m[3] }] },
	})],
	[/^(Value|Enum) .*(does not exist in|cannot represent)/, m => ({
		message: m.input,
		extensions: { code: 'argumentLiteralsIncompatible' },
	})],
];

/** Formats a graphql-js validation or variable error the way GitHub reports it. */
export function formatValidationError(e: GraphQLError): GitHubGraphQLError {
	for (const [re, rewrite] of REWRITES) {
		const m = re.exec(e.message);
		if (m) return { ...rewrite(m), locations: locations(e) };
	}
	return { message: e.message, locations: locations(e), extensions: { code: 'invalidQuery' } };
}

/** Formats a syntax error the way GitHub does (`Parse error on …`). */
export function formatSyntaxError(e: GraphQLError): GitHubGraphQLError {
	const loc = e.locations?.[0];
	const detail = e.message.replace(/^Syntax Error: /, '');
	return { message: `Parse error on ${JSON.stringify(detail)} at [${loc?.line ?? 1}, ${loc?.column ?? 1}]`, locations: locations(e) };
}

/** Formats an execution error; sandbox errors carry GitHub's `type`, anything else is an internal bug. */
export function formatExecutionError(e: GraphQLError): GitHubGraphQLError {
	const original = e.originalError;
	const out: GitHubGraphQLError = { message: e.message, locations: locations(e) };
	if (e.path) out.path = [...e.path];
	if (original instanceof SandboxError) out.type = original.type;
	else if (original) out.type = 'SANDBOX_INTERNAL_ERROR';
	return out;
}
