/**
 * GitHub-style opaque node IDs. Like GitHub's "next" IDs they are a type prefix plus base64url of a
 * small MessagePack array: `[0, id]` for top-level objects (`U_kgDO…`) and `[0, repoId, id]` for
 * objects that live in a repository (`I_kwDO…`). They are therefore unique, stable per seed and
 * decodable without a lookup table.
 */

/** The GraphQL types the sandbox hands out IDs for, with GitHub's prefixes. */
export const ID_PREFIXES = {
	User: 'U',
	Bot: 'BOT',
	Organization: 'O',
	Repository: 'R',
	Issue: 'I',
	PullRequest: 'PR',
	IssueComment: 'IC',
	Discussion: 'D',
	DiscussionComment: 'DC',
	DiscussionCategory: 'DIC',
	Label: 'LA',
	SavedReply: 'SR',
} as const;

/** A type that has node IDs. */
export type NodeType = keyof typeof ID_PREFIXES;

const TYPE_BY_PREFIX = new Map<string, NodeType>(
	Object.entries(ID_PREFIXES).map(([type, prefix]) => [prefix, type as NodeType]),
);

/** What a node ID encodes. */
export interface DecodedId {
	readonly type: NodeType;
	readonly dbId: number;
	readonly repoDbId: number | null;
}

function u32(value: number): number[] {
	return [0xce, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** Encodes a node ID; pass `repoDbId` for objects that belong to a repository. */
export function encodeNodeId(type: NodeType, dbId: number, repoDbId?: number): string {
	const bytes = repoDbId === undefined ? [0x92, 0x00, ...u32(dbId)] : [0x93, 0x00, ...u32(repoDbId), ...u32(dbId)];
	return `${ID_PREFIXES[type]}_${Buffer.from(bytes).toString('base64url')}`;
}

function readU32(bytes: Buffer, at: number): number | null {
	if (bytes[at] !== 0xce || bytes.length < at + 5) return null;
	return bytes.readUInt32BE(at + 1);
}

/** Decodes a node ID made by {@link encodeNodeId}; returns null for anything else. */
export function decodeNodeId(id: string): DecodedId | null {
	const sep = id.indexOf('_');
	if (sep < 1) return null;
	const type = TYPE_BY_PREFIX.get(id.slice(0, sep));
	const body = id.slice(sep + 1);
	if (!type || !/^[A-Za-z0-9_-]+$/.test(body)) return null;
	const bytes = Buffer.from(body, 'base64url');
	if (bytes[0] === 0x92 && bytes[1] === 0 && bytes.length === 7) {
		const dbId = readU32(bytes, 2);
		return dbId === null ? null : { type, dbId, repoDbId: null };
	}
	if (bytes[0] === 0x93 && bytes[1] === 0 && bytes.length === 12) {
		const repoDbId = readU32(bytes, 2);
		const dbId = readU32(bytes, 7);
		return dbId === null || repoDbId === null ? null : { type, dbId, repoDbId };
	}
	return null;
}
