// Test helpers for GraphQL documents: find every `/* GraphQL */` template literal in the sources
// (resolving `${FRAGMENT}` interpolations), validate documents against GitHub's schema, and compute
// their cost by GitHub's formula. Used by queries.test.ts; kept apart so the negative tests can feed
// them bad input.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
	buildClientSchema,
	buildSchema,
	getNamedType,
	isCompositeType,
	Kind,
	parse,
	validate as validateWithSchema,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLCompositeType,
	type GraphQLSchema,
	type IntrospectionQuery,
	type SelectionSetNode,
	type ValueNode,
} from 'graphql';
import ts from 'typescript';

/** A GraphQL template literal found in a source file. */
export interface FoundDocument {
	readonly file: string;
	/** The const it initialises, when it does. */
	readonly name: string | undefined;
	readonly exported: boolean;
	/** The document with every `${…}` replaced by the fragment text it names. */
	readonly text: string;
	/** The JSDoc / leading comment of its declaration (for the documented cost). */
	readonly comment: string;
}

interface RawTemplate {
	readonly file: string;
	readonly name: string | undefined;
	readonly exported: boolean;
	readonly node: ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;
	readonly comment: string;
}

const MARKER = /^\/\*\s*GraphQL\s*\*\/$/i;

/** Every `*.ts` file under `dir`, as `{ path, text }`. */
export function readSources(dir: string): { path: string; text: string }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			return readSources(path);
		}
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
	});
}

/**
 * Finds every template literal preceded by a `/* GraphQL *\/` comment and resolves its
 * interpolations. Throws when a marker is not followed by a template, or when an interpolation is
 * not the name of another GraphQL template (so nothing can slip through unvalidated).
 */
export function findGraphQLDocuments(files: readonly { path: string; text: string }[], root = process.cwd()): FoundDocument[] {
	const templates = files.flatMap(f => templatesIn(relative(root, f.path), f.text));
	const markers = files.reduce((n, f) => n + (f.text.match(/\/\*\s*GraphQL\s*\*\//gi)?.length ?? 0), 0);
	if (markers !== templates.length) {
		throw new Error(`Found ${markers} /* GraphQL */ markers but only ${templates.length} template literals right after one`);
	}
	return templates.map(t => ({ file: t.file, name: t.name, exported: t.exported, comment: t.comment, text: resolve(t, templates, []) }));
}

function templatesIn(file: string, text: string): RawTemplate[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const found: RawTemplate[] = [];
	const visit = (node: ts.Node): void => {
		if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && hasMarker(text, node)) {
			const declaration = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent : undefined;
			const statement = declaration?.parent?.parent;
			const exported = !!statement && ts.isVariableStatement(statement) && !!statement.modifiers?.some(m => m.kind === ts.SyntaxKind.ExportKeyword);
			const comment = statement ? text.slice(statement.getFullStart(), statement.getStart()) : '';
			found.push({ file, name: declaration?.name.getText(), exported, node, comment });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** True when the comment right before the node (in its leading trivia) is the marker. */
function hasMarker(text: string, node: ts.Node): boolean {
	const trivia = text.slice(node.getFullStart(), node.getStart());
	const ranges = [...(ts.getTrailingCommentRanges(trivia, 0) ?? []), ...(ts.getLeadingCommentRanges(trivia, 0) ?? [])];
	const last = ranges.sort((a, b) => a.pos - b.pos).at(-1);
	return last !== undefined && MARKER.test(trivia.slice(last.pos, last.end));
}

function resolve(template: RawTemplate, all: readonly RawTemplate[], stack: readonly string[]): string {
	const { node } = template;
	if (ts.isNoSubstitutionTemplateLiteral(node)) {
		return node.text;
	}
	return node.templateSpans.reduce((out, span) => {
		if (!ts.isIdentifier(span.expression)) {
			throw new Error(`${template.file}: interpolation \${${span.expression.getText()}} is not a fragment constant`);
		}
		const name = span.expression.text;
		const target = all.find(t => t.name === name && t.file === template.file) ?? all.find(t => t.name === name);
		if (!target) {
			throw new Error(`${template.file}: \${${name}} does not name a /* GraphQL */ constant`);
		}
		if (stack.includes(name)) {
			throw new Error(`${template.file}: circular interpolation through ${name}`);
		}
		return out + resolve(target, all, [...stack, name]) + span.literal.text;
	}, node.head.text);
}

// ---------------------------------------------------------------------------------------------
// Validation

/** GitHub's schema, both flavours the package ships (they differ; see github-api.md §1). */
export interface Schemas {
	readonly json: GraphQLSchema;
	readonly idl: GraphQLSchema;
	/** The package's own `validate()` (uses schema.json). */
	readonly validate: (document: string) => readonly { message: string }[];
}

/** Loads both schemas from @octokit/graphql-schema (an ESM package, hence the dynamic import). */
export async function loadSchemas(): Promise<Schemas> {
	const pkg = await import('@octokit/graphql-schema');
	return {
		json: buildClientSchema(pkg.schema.json as unknown as IntrospectionQuery),
		idl: buildSchema(pkg.schema.idl, { assumeValidSDL: true }),
		validate: pkg.validate,
	};
}

/** Validation messages for `document` against both schemas (empty when valid); syntax errors included. */
export function validateDocument(schemas: Schemas, document: string): { json: string[]; idl: string[] } {
	let ast: DocumentNode;
	try {
		ast = parse(document);
	} catch (error) {
		const message = `syntax: ${(error as Error).message}`;
		return { json: [message], idl: [message] };
	}
	return {
		json: schemas.validate(document).map(e => e.message),
		idl: validateWithSchema(schemas.idl, ast).map(e => e.message),
	};
}

/** True when the document defines at least one operation (fragment-only documents are validated where used). */
export function hasOperation(document: string): boolean {
	return parse(document).definitions.some(d => d.kind === Kind.OPERATION_DEFINITION);
}

/** Names of the fragments a document defines and spreads. */
export function fragmentNames(document: string): { defined: string[]; spread: string[] } {
	const ast = parse(document);
	const defined = ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map(d => d.name.value);
	const spread = [...document.matchAll(/\.\.\.\s*([_A-Za-z]\w*)/g)].map(m => m[1]!).filter(n => n !== 'on');
	return { defined, spread };
}

// ---------------------------------------------------------------------------------------------
// Cost

/** A document's cost by GitHub's formula. */
export interface Cost {
	/** Requests needed to fill every connection (the product of enclosing page sizes). */
	readonly requests: number;
	/** `max(1, round(requests / 100))`. */
	readonly points: number;
	/** Upper bound of nodes returned (GitHub's limit is 500,000). */
	readonly nodes: number;
}

/** Page size GitHub assumes for a `first`/`last` given by a variable: the maximum. */
const VARIABLE_PAGE_SIZE = 100;

/**
 * Computes the cost of the first operation in `document`. A connection field (type name ending in
 * `Connection`) costs one request per parent; its page size is its `first`/`last` (a variable counts
 * as 100). A connection without `first`/`last` (only `totalCount`) is counted like one with 1.
 */
export function computeCost(schema: GraphQLSchema, document: string): Cost {
	const ast = parse(document);
	const fragments = new Map(ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map(d => [d.name.value, d]));
	const operation = ast.definitions.find(d => d.kind === Kind.OPERATION_DEFINITION);
	if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) {
		throw new Error('no operation');
	}
	const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
	const totals = { requests: 0, nodes: 0 };
	walk(schema, fragments, operation.selectionSet, root!, 1, totals);
	return { ...totals, points: Math.max(1, Math.round(totals.requests / 100)) };
}

function walk(schema: GraphQLSchema, fragments: Map<string, FragmentDefinitionNode>, set: SelectionSetNode, type: GraphQLCompositeType, parents: number, totals: { requests: number; nodes: number }): void {
	for (const selection of set.selections) {
		if (selection.kind === Kind.FIELD) {
			walkField(schema, fragments, selection, type, parents, totals);
		} else {
			const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value)! : selection;
			const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
			walk(schema, fragments, fragment.selectionSet, (condition ?? type) as GraphQLCompositeType, parents, totals);
		}
	}
}

function walkField(schema: GraphQLSchema, fragments: Map<string, FragmentDefinitionNode>, field: FieldNode, parent: GraphQLCompositeType, parents: number, totals: { requests: number; nodes: number }): void {
	if (!field.selectionSet || !('getFields' in parent)) {
		return;
	}
	const definition = parent.getFields()[field.name.value];
	const named = definition ? getNamedType(definition.type) : undefined;
	if (!named || !isCompositeType(named)) {
		return;
	}
	let multiplier = parents;
	if (named.name.endsWith('Connection')) {
		const size = pageSize(field);
		totals.requests += parents;
		multiplier = parents * size;
		if (field.selectionSet.selections.some(s => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges'))) {
			totals.nodes += multiplier;
		}
	}
	walk(schema, fragments, field.selectionSet, named, multiplier, totals);
}

function pageSize(field: FieldNode): number {
	const argument = field.arguments?.find(a => a.name.value === 'first' || a.name.value === 'last');
	return argument ? valueSize(argument.value) : 1;
}

function valueSize(value: ValueNode): number {
	if (value.kind === Kind.INT) {
		return Number(value.value);
	}
	return value.kind === Kind.VARIABLE ? VARIABLE_PAGE_SIZE : 1;
}

/** The cost stated in a declaration comment (`→ 3 points`, `Cost: 1 point`), if any. */
export function documentedPoints(comment: string): number | undefined {
	const match = /(?:→|Cost:)\s*(\d+)\s*points?\b/.exec(comment);
	return match ? Number(match[1]) : undefined;
}

/** Literal `first:`/`last:` values and the variable used for each `after:` argument. */
export function paginationArguments(document: string): { pageSizes: number[]; afterVariables: string[] } {
	return {
		pageSizes: [...document.matchAll(/\b(?:first|last)\s*:\s*(\d+)/g)].map(m => Number(m[1])),
		afterVariables: [...document.matchAll(/\bafter\s*:\s*\$(\w+)/g)].map(m => m[1]!),
	};
}
