// Eddy's SQL editor: CodeMirror 6 with a Flink SQL dialect. Completion and syntax checks are asked
// of the server (the element's $server methods), so they know the session's tables, the
// integrations' topics and PostgreSQL tables, and Flink's own parser.
import { EditorState, Compartment, Prec } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  placeholder, highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting, HighlightStyle, indentOnInput } from '@codemirror/language';
import {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap,
  type Completion, type CompletionContext, type CompletionResult,
} from '@codemirror/autocomplete';
import { linter, lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { sql, SQLDialect } from '@codemirror/lang-sql';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { tags } from '@lezer/highlight';

interface ServerCompletion {
  label: string; apply: string; type: string; detail?: string; info?: string; boost: number;
}
interface ServerCompletions { from: number; to: number; options: ServerCompletion[]; complete: boolean; }
interface ServerProblem { message: string; from: number; to: number; line: number; column: number; }

// Colours come from CSS custom properties, so the light and dark Lumo themes both apply.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--eddy-sql-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--eddy-sql-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--eddy-sql-number)' },
  { tag: [tags.lineComment, tags.blockComment, tags.comment], color: 'var(--eddy-sql-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--eddy-sql-type)' },
  { tag: [tags.special(tags.name), tags.special(tags.variableName)], color: 'var(--eddy-sql-name)' },
  { tag: tags.operator, color: 'var(--eddy-sql-operator)' },
]);

const theme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: 'var(--lumo-font-size-s)',
    backgroundColor: 'var(--lumo-base-color)',
    color: 'var(--lumo-body-text-color)',
    border: '1px solid var(--lumo-contrast-20pct)',
    borderRadius: 'var(--lumo-border-radius-m)',
  },
  '&.cm-focused': { outline: '2px solid var(--lumo-primary-color-50pct)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--lumo-font-family-monospace, ui-monospace, "DejaVu Sans Mono", monospace)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--lumo-primary-text-color)' },
  '.cm-cursor': { borderLeftColor: 'var(--lumo-primary-text-color)' },
  // Opaque: the gutter stays put while the code scrolls sideways under it, and Lumo's contrast
  // colours are translucent, so the tint is laid over the base colour.
  '.cm-gutters': {
    background: 'linear-gradient(var(--lumo-contrast-5pct), var(--lumo-contrast-5pct)) var(--lumo-base-color)',
    color: 'var(--lumo-tertiary-text-color)', border: 'none',
    borderTopLeftRadius: 'var(--lumo-border-radius-m)', borderBottomLeftRadius: 'var(--lumo-border-radius-m)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--lumo-contrast-5pct)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--lumo-contrast-10pct)', color: 'var(--lumo-body-text-color)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--lumo-primary-color-10pct) !important',
  },
  '.cm-matchingBracket': { backgroundColor: 'var(--lumo-success-color-10pct)', outline: '1px solid var(--lumo-success-color-50pct)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--lumo-base-color)', color: 'var(--lumo-body-text-color)',
    border: '1px solid var(--lumo-contrast-20pct)', borderRadius: 'var(--lumo-border-radius-s)',
    boxShadow: 'var(--lumo-box-shadow-s)', fontSize: 'var(--lumo-font-size-s)',
  },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'inherit', maxHeight: '18em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px 2px 4px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--lumo-primary-color)', color: 'var(--lumo-primary-contrast-color)',
  },
  '.cm-completionDetail': { color: 'var(--lumo-secondary-text-color)', fontStyle: 'normal', marginLeft: '1em' },
  'li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionInfo': { whiteSpace: 'pre-wrap', maxWidth: '32em', padding: '6px 8px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--lumo-error-color)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none', textDecoration: 'underline wavy var(--lumo-error-color)', textUnderlineOffset: '3px',
  },
  '.cm-placeholder': { color: 'var(--lumo-tertiary-text-color)' },
  '.cm-completionIcon': { width: '1.4em', opacity: '1', fontWeight: '700', textAlign: 'center', paddingRight: '0.4em' },
  ...icons({
    keyword: ['K', 'var(--eddy-sql-keyword)'],
    function: ['ƒ', 'var(--eddy-sql-number)'],
    table: ['T', 'var(--eddy-sql-name)'],
    view: ['V', 'var(--eddy-sql-name)'],
    column: ['c', 'var(--eddy-sql-type)'],
    catalog: ['C', 'var(--eddy-sql-comment)'],
    database: ['D', 'var(--eddy-sql-comment)'],
    topic: ['≋', '#d4572a'],
    'pg-table': ['P', '#336791'],
    option: ['o', 'var(--eddy-sql-operator)'],
    value: ['v', 'var(--eddy-sql-string)'],
    connector: ['v', 'var(--eddy-sql-string)'],
    format: ['v', 'var(--eddy-sql-string)'],
  }),
});

/** One letter per kind of suggestion, in the kind's colour. */
function icons(kinds: Record<string, [string, string]>) {
  const rules: Record<string, Record<string, string>> = {};
  for (const [kind, [letter, color]] of Object.entries(kinds)) {
    rules[`.cm-completionIcon-${kind}:after`] = { content: `"${letter}"`, color };
  }
  return rules;
}

class EddySqlEditor extends HTMLElement {
  private view?: EditorView;
  private pending = '';
  private keywordList = '';
  private readonly dialect = new Compartment();
  private syncTimer?: number;
  // The text last sent to the server: the server may send it back, which must not undo later typing.
  private lastSent?: string;
  // An error Flink reported when the script ran; shown until the script changes.
  private runError?: { diagnostic: Diagnostic; text: string };
  // The server's list for where the cursor rests after a space, a dot or a comma, asked before the next
  // word's first key: that key then opens the popup without waiting for the server.
  private prefetched?: { key: string; from: number; at: number; answer: Promise<ServerCompletions | null> };
  private prefetchTimer?: number;
  // Set by Vaadin: the element's @ClientCallable methods.
  $server?: {
    complete(text: string, position: number, explicit: boolean): Promise<string>;
    check(text: string): Promise<string>;
  };

  connectedCallback() {
    if (this.view) {
      return;
    }
    // Vaadin may set properties before this class upgraded the element.
    for (const p of ['value', 'keywords']) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = (this as any)[p];
        delete (this as any)[p];
        (this as any)[p] = v;
      }
    }
    this.view = new EditorView({
      parent: this,
      // This element lives in light DOM but is slotted into Vaadin layouts' shadow roots; CodeMirror
      // would follow the slot and take a shadow root for its root, where it never sees its own focus
      // and loses the cursor on every redraw. The document is the root.
      root: document,
      state: EditorState.create({
        doc: this.pending,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          placeholder(this.getAttribute('placeholder') ?? ''),
          syntaxHighlighting(highlight),
          this.dialect.of(this.language()),
          // CodeMirror waits 100 ms for more typing before it asks; the server's lists are narrowed in the
          // browser while they fit (validFor), so asking at once costs one call per word, not per key.
          autocompletion({ override: [(ctx) => this.complete(ctx)], icons: true, maxRenderedOptions: 200,
            activateOnTypingDelay: 10 }),
          linter((view) => this.check(view), { delay: 500 }),
          lintGutter(),
          Prec.highest(keymap.of([
            { key: 'Mod-Enter', run: () => this.fire('selection') },
            { key: 'Shift-Mod-Enter', run: () => this.fire('all') },
          ])),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
            ...completionKeymap, indentWithTab]),
          theme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              this.scheduleSync();
            }
            if (update.docChanged || update.selectionSet) {
              this.schedulePrefetch();
            }
          }),
        ],
      }),
    });
  }

  disconnectedCallback() {
    // Vaadin re-attaches elements when views move: keep the editor, only flush the text.
    this.sync();
  }

  set value(text: string) {
    const v = text ?? '';
    if (!this.view) {
      this.pending = v;
      return;
    }
    if (v === this.lastSent || v === this.view.state.doc.toString()) {
      return;
    }
    const head = Math.min(this.view.state.selection.main.head, v.length);
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: v }, selection: { anchor: head } });
  }

  get value(): string {
    return this.view ? this.view.state.doc.toString() : this.pending;
  }

  /** Flink's keywords, space separated, for highlighting. */
  set keywords(words: string) {
    this.keywordList = (words ?? '').toLowerCase();
    this.view?.dispatch({ effects: this.dialect.reconfigure(this.language()) });
  }

  get keywords(): string {
    return this.keywordList;
  }

  focus() {
    this.view?.focus();
  }

  /** Asks to run (or explain) what the cursor or selection points at, as the keys do. */
  requestRun(scope: 'selection' | 'all' | 'explain' | 'deploy') {
    this.fire(scope);
  }

  /** Inserts text at the cursor, replacing the selection. */
  insertText(text: string) {
    if (!this.view) {
      return;
    }
    this.view.dispatch(this.view.state.replaceSelection(text));
    this.view.focus();
  }

  /** Marks an error the server found when running a statement (offsets into the script). */
  markError(from: number, to: number, message: string) {
    if (!this.view) {
      return;
    }
    const length = this.view.state.doc.length;
    const start = Math.max(0, Math.min(from, length));
    const end = Math.max(start, Math.min(to, length));
    this.runError = {
      diagnostic: { from: start, to: end, severity: 'error', message },
      text: this.view.state.doc.toString(),
    };
    this.view.dispatch(setDiagnostics(this.view.state, [this.runError.diagnostic]));
  }

  /** Selects a range, scrolled into view: where a statement that ran sits, or an error. */
  select(from: number, to: number) {
    if (!this.view) {
      return;
    }
    const length = this.view.state.doc.length;
    this.view.dispatch({
      selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
      scrollIntoView: true,
    });
  }

  private language() {
    const dialect = SQLDialect.define({
      keywords: this.keywordList || undefined,
      builtin: 'abs avg ceil coalesce count current_date current_time current_timestamp date_format floor ' +
        'if lower max min now proctime row_number sum to_timestamp to_timestamp_ltz upper',
      types: 'array bigint binary boolean bytes char date decimal double float int integer interval map ' +
        'multiset raw row smallint string time timestamp timestamp_ltz tinyint varbinary varchar',
      identifierQuotes: '`',
      backslashEscapes: false,
      doubleQuotedStrings: false,
      hashComments: false,
    });
    return sql({ dialect, upperCaseKeywords: true });
  }

  private scheduleSync() {
    if (this.syncTimer) {
      window.clearTimeout(this.syncTimer);
    }
    this.syncTimer = window.setTimeout(() => this.sync(), 400);
  }

  private sync() {
    if (this.syncTimer) {
      window.clearTimeout(this.syncTimer);
      this.syncTimer = undefined;
    }
    this.lastSent = this.value;
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: this.lastSent } }));
  }

  private fire(scope: 'selection' | 'all' | 'explain' | 'deploy'): boolean {
    if (!this.view) {
      return false;
    }
    this.sync();
    // Running may create or drop tables: a list asked ahead may be out of date.
    this.prefetched = undefined;
    const sel = this.view.state.selection.main;
    this.dispatchEvent(new CustomEvent('eddy-run', {
      detail: { scope, text: this.view.state.doc.toString(), from: sel.from, to: sel.to },
    }));
    return true;
  }

  private schedulePrefetch() {
    if (this.prefetchTimer) {
      window.clearTimeout(this.prefetchTimer);
    }
    this.prefetchTimer = window.setTimeout(() => this.prefetch(), 0);
  }

  /** Asks ahead for the list at a cursor that rests where a new word starts, if it is not asked yet. */
  private prefetch() {
    this.prefetchTimer = undefined;
    const server = this.$server;
    if (!this.view || !server) {
      return;
    }
    const state = this.view.state;
    const sel = state.selection.main;
    const text = state.doc.toString();
    const pos = sel.head;
    if (!sel.empty || pos === 0 || !/[\s.,(]/.test(text.charAt(pos - 1)) || /[\w$]/.test(text.charAt(pos))) {
      return;
    }
    const key = EddySqlEditor.completionKey(text, pos, pos);
    const answer = server.complete(text, pos, false)
      .then((json) => JSON.parse(json) as ServerCompletions)
      .catch(() => null);
    this.prefetched = { key, from: pos, at: Date.now(), answer };
  }

  /** The script without the word being typed, and where that word starts: equal keys, equal lists. */
  private static completionKey(text: string, wordFrom: number, pos: number): string {
    return `${wordFrom}\u0000${text.slice(0, wordFrom)}\u0000${text.slice(pos)}`;
  }

  /** The list asked ahead for this word's start, when it is whole (so the browser may narrow it). */
  private async prefetchedFor(ctx: CompletionContext, text: string): Promise<ServerCompletions | null> {
    const word = ctx.matchBefore(/[\w$]*/);
    const wordFrom = word ? word.from : ctx.pos;
    const ahead = this.prefetched;
    // Tables come and go (another tab, another user): a list asked long ago is asked again.
    if (!ahead || ahead.from !== wordFrom || Date.now() - ahead.at > 10_000
        || ahead.key !== EddySqlEditor.completionKey(text, wordFrom, ctx.pos)) {
      return null;
    }
    const answer = await ahead.answer;
    return answer && answer.complete && answer.from === wordFrom && answer.options.length > 0 ? answer : null;
  }

  private async complete(ctx: CompletionContext): Promise<CompletionResult | null> {
    if (!this.$server) {
      return null;
    }
    const text = ctx.state.doc.toString();
    let answer: ServerCompletions | null = await this.prefetchedFor(ctx, text);
    if (!answer) {
      try {
        answer = JSON.parse(await this.$server.complete(text, ctx.pos, ctx.explicit)) as ServerCompletions;
      } catch (e) {
        return null;
      }
    }
    if (ctx.aborted || !answer || answer.options.length === 0) {
      return null;
    }
    const options: Completion[] = answer.options.map((o) => ({
      label: o.label,
      apply: o.apply,
      type: o.type,
      detail: o.detail ?? undefined,
      info: o.info ?? undefined,
      boost: Math.max(-99, Math.min(99, o.boost)),
    }));
    return {
      from: answer.from,
      to: Math.max(answer.to, ctx.pos),
      options,
      // A complete list may be narrowed in the browser; a cut one is asked again at each keystroke.
      validFor: answer.complete ? /^[\w$.\-]*$/ : undefined,
    };
  }

  private async check(view: EditorView): Promise<Diagnostic[]> {
    if (!this.$server) {
      return [];
    }
    const text = view.state.doc.toString();
    try {
      const problems: ServerProblem[] = JSON.parse(await this.$server.check(text));
      const length = view.state.doc.length;
      if (view.state.doc.toString() !== text) {
        return [];
      }
      const diagnostics: Diagnostic[] = problems.map((p) => ({
        from: Math.min(p.from, length),
        to: Math.min(Math.max(p.to, p.from + 1), length),
        severity: 'error',
        message: `${p.message} (line ${p.line}, column ${p.column})`,
      }));
      // The checker sees syntax only: an error from running stays while the script is unchanged.
      if (this.runError && this.runError.text === text) {
        diagnostics.push(this.runError.diagnostic);
      } else {
        this.runError = undefined;
      }
      return diagnostics;
    } catch (e) {
      return [];
    }
  }
}

customElements.define('eddy-sql-editor', EddySqlEditor);
