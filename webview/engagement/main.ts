// Entry of the "My engagement" view: the signed-in user's numbers beside the community median, as a
// table with paired bars (widths set through `element.style`, which the CSP allows). DOM APIs only.
import type { EngagementProtocol, EngagementRowDto, EngagementSnapshotDto } from '../../src/shared/statsProtocol';
import { el, icon } from '../common/dom';
import { connect } from '../common/host';
import { barPercent } from '../stats/model';

const host = connect<EngagementProtocol, undefined>();
const root = document.getElementById('root')!;

function bar(kind: 'mine' | 'median', ratio: number | null): HTMLElement {
	const track = el('span', 'track');
	track.setAttribute('aria-hidden', 'true');
	const fill = el('span', `fill ${kind}`);
	fill.style.width = `${barPercent(ratio)}%`;
	track.append(fill);
	return track;
}

function row(r: EngagementRowDto): HTMLTableRowElement {
	const tr = el('tr');
	tr.dataset.metric = r.id;
	const name = el('th', undefined, r.label);
	name.scope = 'row';
	name.title = r.definition;
	const mine = el('td', 'number mine');
	mine.append(el('span', 'value', r.mine), bar('mine', r.mineRatio));
	const median = el('td', 'number median');
	median.append(el('span', 'value', r.median), bar('median', r.medianRatio));
	tr.append(name, mine, median);
	return tr;
}

function render(s: EngagementSnapshotDto): void {
	const x = s.strings;
	const open = el('button', 'text-button');
	open.append(icon('graph'), document.createTextNode(` ${x.openStats}`));
	open.addEventListener('click', () => host.command('engagement/openStats', undefined));
	if (s.status !== 'ready') {
		root.replaceChildren(el('p', 'empty', s.status === 'signedOut' ? x.signedOut : x.loading), open);
		root.setAttribute('aria-busy', String(s.status === 'loading'));
		return;
	}
	const heading = el('h2', undefined, s.login);
	const window = el('p', 'window', s.windowLabel);
	const table = el('table', 'engagement');
	table.setAttribute('aria-label', `${x.title}: ${s.login}`);
	const head = el('tr');
	for (const h of [x.metric, x.mine, x.median]) {
		const th = el('th', undefined, h);
		th.scope = 'col';
		head.append(th);
	}
	const thead = el('thead');
	thead.append(head);
	const body = el('tbody');
	body.append(...s.rows.map(row));
	table.append(thead, body);
	const streak = el('p', 'streak', s.streak);
	streak.setAttribute('role', 'status');
	root.replaceChildren(heading, window, table, streak, el('p', 'note', s.note), open);
	root.setAttribute('aria-busy', 'false');
}

host.onNotification('engagement/didChange', render);
host.command('webview/ready', undefined);
