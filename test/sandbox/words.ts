/** Word lists and the text generators built on them: logins, titles, bodies, comments. */
import { Rng } from './prng';

const ADJECTIVES = ['quiet', 'brave', 'sunny', 'lucky', 'rapid', 'clever', 'gentle', 'bold', 'calm', 'eager', 'fuzzy', 'happy',
	'jolly', 'keen', 'lively', 'mellow', 'nimble', 'proud', 'silly', 'witty', 'zesty', 'cosmic', 'polar', 'amber', 'crimson', 'golden',
	'silver', 'misty', 'rusty', 'stormy', 'tidy', 'vivid'];
const ANIMALS = ['falcon', 'otter', 'panda', 'lynx', 'heron', 'koala', 'badger', 'gecko', 'marmot', 'walrus', 'yak', 'ibis', 'newt',
	'puffin', 'raven', 'sloth', 'tapir', 'wombat', 'bison', 'crane', 'dingo', 'ferret', 'hare', 'lemur', 'moose', 'okapi', 'quokka',
	'seal', 'tern', 'viper', 'wren', 'zebra'];
const FIRST_NAMES = ['Ada', 'Ben', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Gus', 'Hiro', 'Ines', 'Jon', 'Kavya', 'Lars', 'Mina', 'Noor',
	'Olu', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Vera', 'Wei', 'Xena', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Alvarez', 'Brooks', 'Costa', 'Dubois', 'Eriksen', 'Fujita', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski',
	'Lee', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Rossi', 'Singh', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Young'];

const COMPONENTS = ['CLI', 'launcher', 'telemetry module', 'config loader', 'plugin API', 'build cache', 'scheduler', 'dashboard',
	'auth flow', 'docs site', 'installer', 'Python bindings', 'REST client', 'webhook handler', 'logger', 'test runner', 'thrust model',
	'orbit planner', 'fuel gauge', 'staging logic'];
const PLATFORMS = ['Windows 11', 'macOS 14', 'Ubuntu 22.04', 'Debian 12', 'Alpine', 'WSL2', 'Fedora 40', 'an M2 Mac', 'Node 20', 'Docker'];
const VERBS = ['configure', 'cache', 'deploy', 'load', 'parse', 'export', 'migrate', 'retry', 'stream', 'validate', 'upgrade',
	'profile', 'launch', 'schedule', 'authenticate', 'resolve'];
const NOUNS = ['config file', 'launch profile', 'environment variables', 'YAML manifest', 'plugin', 'proxy settings', 'log output',
	'lock file', 'checksum', 'retry policy', 'timeout', 'custom theme', 'telemetry data', 'mission plan', 'payload', 'trajectory'];
const SYMPTOMS = ['crashes', 'hangs forever', 'prints a stack trace', 'ignores the flag', 'uses 100% CPU', 'leaks memory',
	'fails silently', 'returns the wrong exit code', 'times out', 'shows garbled output'];
const FILLER = ['I have been using rocket for a while and this is the first time I have seen this.',
	'This started after upgrading to the latest release.', 'It works fine on my laptop but not in CI.',
	'I searched the existing issues but could not find anything similar.', 'Happy to open a pull request if this sounds reasonable.',
	'Thanks for all the work on this project!', 'Not sure if this is a bug or if I am holding it wrong.',
	'The documentation does not say what the expected behaviour is.', 'A workaround is to pin the previous version for now.',
	'This blocks us from rolling out to the rest of the team.', 'Let me know if you need more information.'];
const REPLIES = ['Thanks for the report! Could you share the output with `--verbose`?', 'I can reproduce this on main.',
	'Same here, seeing this since the last release.', 'This should be fixed by the linked pull request.',
	'Could you try the nightly build and see if it still happens?', 'Closing as this is working as intended, see the docs.',
	'+1, we hit this too.', 'Good idea! Would you be interested in sending a PR?', 'Have you tried clearing the build cache?',
	'That worked, thank you!', 'I think this is a duplicate of an older issue.', 'Labelling this as a good first issue.',
	'The root cause is the retry policy ignoring the timeout.', 'We discussed this in the maintainers sync; let us go ahead.',
	'Still happening for me with the latest version.', 'Here is a minimal reproduction repository.'];

/** Builds a login like `quietfalcon42`. */
export function makeLogin(rng: Rng, index: number): string {
	return rng.chance(0.2) ? `${rng.pick(ADJECTIVES)}-${rng.pick(ANIMALS)}${index}` : `${rng.pick(ADJECTIVES)}${rng.pick(ANIMALS)}${index}`;
}

/** Builds a display name like `Ada Tanaka`. */
export function makeName(rng: Rng): string {
	return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

const TITLE_TEMPLATES: Record<string, ((r: Rng) => string)[]> = {
	bug: [
		r => `${capital(r.pick(COMPONENTS))} ${r.pick(SYMPTOMS)} on ${r.pick(PLATFORMS)}`,
		r => `Error when trying to ${r.pick(VERBS)} the ${r.pick(NOUNS)}`,
		r => `Regression: ${r.pick(COMPONENTS)} ${r.pick(SYMPTOMS)} after upgrade`,
	],
	feature: [
		r => `Support for ${r.pick(NOUNS)} in the ${r.pick(COMPONENTS)}`,
		r => `Add an option to ${r.pick(VERBS)} the ${r.pick(NOUNS)}`,
		r => `Allow the ${r.pick(COMPONENTS)} to ${r.pick(VERBS)} in parallel`,
	],
	docs: [
		r => `Docs: explain how to ${r.pick(VERBS)} the ${r.pick(NOUNS)}`,
		r => `Typo in the ${r.pick(COMPONENTS)} guide`,
	],
	question: [
		r => `How do I ${r.pick(VERBS)} the ${r.pick(NOUNS)} with the ${r.pick(COMPONENTS)}?`,
		r => `Is it possible to ${r.pick(VERBS)} a ${r.pick(NOUNS)} on ${r.pick(PLATFORMS)}?`,
		r => `Best way to ${r.pick(VERBS)} the ${r.pick(NOUNS)}?`,
	],
	idea: [
		r => `Idea: a ${r.pick(ADJECTIVES)} mode for the ${r.pick(COMPONENTS)}`,
		r => `What if the ${r.pick(COMPONENTS)} could ${r.pick(VERBS)} the ${r.pick(NOUNS)} automatically?`,
	],
	announcement: [
		r => `rocket ${r.int(1, 4)}.${r.int(0, 19)} is out`,
		r => `Changes to how we ${r.pick(VERBS)} the ${r.pick(NOUNS)}`,
	],
	showcase: [
		r => `I built a ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} visualizer with rocket`,
		r => `Show and tell: ${r.pick(COMPONENTS)} running on ${r.pick(PLATFORMS)}`,
	],
	general: [
		r => `Thoughts on the ${r.pick(COMPONENTS)} roadmap`,
		r => `Who is using rocket on ${r.pick(PLATFORMS)}?`,
	],
	chore: [
		r => `Bump ${r.pick(['lodash', 'undici', 'yaml', 'semver', 'esbuild', 'zod'])} from ${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 9)} to ${r.int(5, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`,
	],
};

function capital(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A realistic title for a thread of a flavor. */
export function makeTitle(rng: Rng, flavor: string): string {
	return rng.pick(TITLE_TEMPLATES[flavor] ?? TITLE_TEMPLATES['general']!)(rng);
}

/** What a generated body may refer to. */
export interface BodyContext {
	readonly flavor: string;
	readonly mention: string | null;
	readonly relatedNumber: number;
}

/** A Markdown body for a thread, generated from a per-thread stream. */
export function makeThreadBody(rng: Rng, c: BodyContext): string {
	const parts = [rng.pick(FILLER)];
	if (c.flavor === 'bug') {
		parts.push(`### Steps to reproduce\n\n1. Run \`rocket ${rng.pick(VERBS)} --${rng.pick(['fast', 'dry-run', 'verbose'])}\`\n2. Open the ${rng.pick(NOUNS)}\n3. See the error`);
		parts.push('```\nError: ' + rng.pick(SYMPTOMS) + '\n    at main (launcher.js:' + rng.int(10, 400) + ':' + rng.int(1, 40) + ')\n```');
		parts.push(`**Environment:** ${rng.pick(PLATFORMS)}, rocket ${rng.int(1, 4)}.${rng.int(0, 19)}.${rng.int(0, 9)}`);
	} else if (c.flavor === 'chore') {
		parts.length = 0;
		parts.push(`Bumps a dependency. See the release notes for details.\n\n- Updates the lock file\n- No breaking changes`);
	} else {
		parts.push(rng.pick(FILLER));
		if (rng.chance(0.4)) parts.push(`- ${rng.pick(NOUNS)}\n- ${rng.pick(NOUNS)}\n- ${rng.pick(NOUNS)}`);
	}
	if (c.mention) parts.push(`cc @${c.mention}`);
	if (c.relatedNumber > 0) parts.push(`Possibly related to #${c.relatedNumber}.`);
	return parts.join('\n\n');
}

/** A short Markdown comment. */
export function makeCommentBody(rng: Rng): string {
	const first = rng.pick(REPLIES);
	return rng.chance(0.3) ? `${first}\n\n${rng.pick(FILLER)}` : first;
}
