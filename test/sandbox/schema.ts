/** GitHub's published GraphQL schema (`@octokit/graphql-schema`), built once per process. */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

let cached: GraphQLSchema | undefined;

function schemaPath(): string {
	const candidates = [
		resolve(__dirname, '../../node_modules/@octokit/graphql-schema/schema.graphql'),
		join(process.cwd(), 'node_modules/@octokit/graphql-schema/schema.graphql'),
	];
	const found = candidates.find(p => existsSync(p));
	if (!found) throw new Error(`Cannot find @octokit/graphql-schema/schema.graphql (looked in ${candidates.join(', ')})`);
	return found;
}

/**
 * The schema built from the package's SDL. `assumeValidSDL` is required: the SDL has a duplicate
 * field (`EnterpriseOwnerInfo.repositoryDeployKeySetting`).
 */
export function githubSchema(): GraphQLSchema {
	cached ??= buildSchema(readFileSync(schemaPath(), 'utf8'), { assumeValidSDL: true });
	return cached;
}
