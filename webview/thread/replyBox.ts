// DOM of one reply box: a labelled `vscode-textarea`, Preview/Edit, Send (and Cancel inline), a
// status line for screen readers. The preview goes through the same sanitiser as GitHub bodies.
import type { ThreadStrings } from '../../src/shared/threadProtocol';
import { isSendShortcut, type BoxView } from './replyModel';
import type { Sanitizer } from '../common/sanitize';
import { button } from '../common/dom';

/** The `vscode-textarea` element as the box uses it. */
type TextArea = HTMLElement & { value: string; readonly?: boolean };

/** What a box reports to its owner. */
export interface ReplyBoxHandlers {
	/** The text changed (every keystroke). */
	onInput(body: string): void;
	/** Save the draft now (blur). */
	onFlush(): void;
	onSend(body: string): void;
	/** Inline boxes only. */
	onCancel?(): void;
	/** "Reply with Template…" for this box (the host fills the box as a draft). */
	onTemplate?(): void;
	/** Drop the template actions listed under the box. */
	onDropActions?(): void;
}

/** Options of a box. */
export interface ReplyBoxOptions {
	/** `null` for the thread's box, else the top-level comment replied within. */
	readonly replyToId: string | null;
	/** The screen-reader label of the text area (and the box). */
	readonly label: string;
	readonly strings: ThreadStrings;
	readonly sanitizer: Sanitizer;
	readonly handlers: ReplyBoxHandlers;
}

/** One reply box; the element is kept across re-renders so typing and focus survive them. */
export class ReplyBox {
	readonly element: HTMLElement;
	private readonly textarea: TextArea;
	private readonly preview: HTMLElement;
	private readonly previewButton: HTMLElement;
	private readonly sendButton: HTMLElement;
	private readonly status: HTMLElement;
	private readonly pending: HTMLElement;
	private readonly pendingText: HTMLElement;
	private previewing = false;
	private busy = false;

	constructor(private readonly options: ReplyBoxOptions) {
		const s = options.strings;
		const key = options.replyToId ?? 'main';
		this.element = document.createElement('section');
		this.element.className = `reply-box${options.replyToId ? ' inline' : ''}`;
		this.element.setAttribute('aria-label', options.label);
		this.element.dataset.reply = key;
		this.textarea = document.createElement('vscode-textarea') as TextArea;
		this.textarea.setAttribute('label', options.label);
		this.textarea.setAttribute('aria-label', options.label);
		this.textarea.setAttribute('placeholder', s.replyPlaceholder);
		this.textarea.setAttribute('rows', options.replyToId ? '4' : '6');
		this.textarea.setAttribute('resize', 'vertical');
		this.textarea.setAttribute('monospace', '');
		this.textarea.setAttribute('maxlength', String(65_536 - 64));
		this.textarea.dataset.reply = key;
		this.preview = document.createElement('div');
		this.preview.className = 'markdown-body reply-preview';
		this.preview.setAttribute('role', 'region');
		this.preview.setAttribute('aria-label', s.previewLabel);
		this.preview.hidden = true;
		this.previewButton = button(s.preview, 'eye', () => this.togglePreview(), true);
		this.previewButton.setAttribute('aria-pressed', 'false');
		this.sendButton = button(s.send, 'send', () => this.send(), false);
		this.sendButton.setAttribute('title', s.sendHint);
		this.status = document.createElement('p');
		this.status.className = 'reply-status';
		this.status.setAttribute('role', 'status');
		this.status.setAttribute('aria-live', 'polite');
		const actions = document.createElement('div');
		actions.className = 'reply-actions';
		actions.append(this.sendButton, this.previewButton);
		if (options.handlers.onCancel) actions.append(button(s.cancel, 'close', () => options.handlers.onCancel?.(), true));
		if (options.handlers.onTemplate) {
			const template = button(s.useTemplate, 'note', () => options.handlers.onTemplate?.(), true);
			template.dataset.template = key;
			actions.append(template);
		}
		const hint = document.createElement('p');
		hint.className = 'hint reply-hint';
		hint.textContent = s.sendHint;
		this.pending = document.createElement('div');
		this.pending.className = 'reply-pending';
		this.pending.hidden = true;
		this.pendingText = document.createElement('p');
		this.pendingText.className = 'hint';
		this.pending.append(this.pendingText);
		if (options.handlers.onDropActions) this.pending.append(button(s.dropActions, 'close', () => options.handlers.onDropActions?.(), true));
		this.element.append(this.textarea, this.preview, this.pending, actions, this.status, hint);
		this.wire();
	}

	/** The text as typed. */
	get body(): string {
		return this.textarea.value ?? '';
	}

	/** Replaces the text (restored drafts, cleared after a send). */
	set body(text: string) {
		this.textarea.value = text;
		if (this.previewing) this.renderPreview();
	}

	/** Moves focus into the text area. */
	focus(): void {
		this.textarea.focus();
	}

	/** Whether focus is inside this box. */
	hasFocus(): boolean {
		return this.element.contains(document.activeElement);
	}

	/** Shows an outbox state: Send disabled and text read-only while busy; the status line. */
	show(view: BoxView): void {
		this.busy = view.busy;
		this.sendButton.textContent = view.sendLabel;
		this.sendButton.toggleAttribute('disabled', view.busy);
		this.sendButton.setAttribute('aria-disabled', String(view.busy));
		this.textarea.toggleAttribute('readonly', view.busy);
		this.element.setAttribute('aria-busy', String(view.busy));
		this.setStatus(view.status?.text ?? '', view.status?.alert ?? false);
	}

	/** The template actions that run once the reply is posted (host-translated lines; none hides them). */
	setPendingActions(lines: readonly string[]): void {
		this.pending.hidden = lines.length === 0;
		this.pendingText.textContent = lines.length === 0 ? '' : this.options.strings.afterPosting.replace('{0}', lines.join('; '));
	}

	/** A status message (polite, or an alert for failures). */
	setStatus(text: string, alert = false): void {
		this.status.setAttribute('role', alert ? 'alert' : 'status');
		this.status.classList.toggle('error', alert);
		this.status.textContent = text;
	}

	private wire(): void {
		const h = this.options.handlers;
		this.textarea.addEventListener('input', () => {
			h.onInput(this.body);
			if (this.previewing) this.renderPreview();
		});
		this.textarea.addEventListener('blur', () => h.onFlush());
		this.element.addEventListener('keydown', event => {
			if (isSendShortcut(event)) {
				event.preventDefault();
				event.stopPropagation();
				this.send();
			} else if (event.key === 'Escape' && h.onCancel && !this.busy) {
				event.preventDefault();
				h.onCancel();
			}
		});
	}

	private send(): void {
		if (this.busy || this.body.trim() === '') return;
		this.options.handlers.onSend(this.body);
	}

	private togglePreview(): void {
		this.previewing = !this.previewing;
		this.previewButton.setAttribute('aria-pressed', String(this.previewing));
		this.previewButton.textContent = this.previewing ? this.options.strings.edit : this.options.strings.preview;
		this.textarea.hidden = this.previewing;
		this.preview.hidden = !this.previewing;
		if (this.previewing) this.renderPreview();
		else this.focus();
	}

	private renderPreview(): void {
		const text = this.body;
		if (text.trim() === '') {
			const empty = document.createElement('p');
			empty.className = 'empty';
			empty.textContent = this.options.strings.previewEmpty;
			this.preview.replaceChildren(empty);
		} else {
			this.preview.replaceChildren(this.options.sanitizer.markdown(text));
		}
	}
}
