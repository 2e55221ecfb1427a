// The approval form inside the webview. Everything it shows arrives by message from the extension (nothing is embedded
// in the page); every edit is reported back at once (the extension keeps the draft) and Send only asks the extension,
// which validates and sends. Text is only ever set with textContent: no HTML is built from data.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const isMac = /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent || '');
  const SEND_KEY = isMac ? '⌘+Enter' : 'Ctrl+Enter';

  /** @type {any} the ViewState from the extension */
  let state = null;
  let busy = false;
  let done = false;

  // ---- small DOM helpers ---------------------------------------------------------------------------------------------

  /**
   * @param {string} tag
   * @param {Record<string, string | boolean | undefined>} [attrs]
   * @param {(Node | string | null | undefined | false)[]} children
   */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  /**
   * A codicon from the sprite the extension inlines into the page (media/request/codicons.svg), drawn in the text's
   * colour so it follows the theme. Always decorative: the words next to it say the same thing.
   * @param {string} name
   */
  function icon(name) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', `codicon codicon-${name}`);
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('viewBox', '0 0 16 16');
    const use = document.createElementNS(SVG_NS, 'use');
    use.setAttribute('href', `#codicon-${name}`);
    svg.append(use);
    return svg;
  }

  /** A heading, legend or button with an icon in front of its text. @param {string} name @param {string} text */
  function labelled(name, text) {
    const frag = document.createDocumentFragment();
    frag.append(icon(name), h('span', { class: 'label', text }));
    return frag;
  }

  /** Icon and text side by side, e.g. a notice. @param {string} name @param {(Node | string | null | undefined | false)[]} children */
  function iconRow(name, ...children) {
    const frag = document.createDocumentFragment();
    frag.append(icon(name), h('span', { class: 'row-text' }, ...children));
    return frag;
  }

  /** @param {string} id */
  function byId(id) {
    return document.getElementById(id);
  }

  function fields() {
    return state ? state.sections.flatMap((/** @type {any} */ s) => s.fields) : [];
  }

  /**
   * A UI text in the editor's display language: the extension sends the translations with the state (English is
   * the key and the fallback); {0}, {1}… are filled in after translation.
   * @param {string} en @param {...(string | number)} args
   */
  function t(en, ...args) {
    const table = (state && state.strings) || {};
    const text = typeof table[en] === 'string' ? table[en] : en;
    return text.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
  }

  function when(/** @type {string} */ iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
  }

  // ---- rendering -----------------------------------------------------------------------------------------------------

  function render() {
    const org = state.organization;
    const children = [
      h('h1', { id: 'title', text: state.isNew ? t('Request approval for a new MCP server') : t('Request approval: {0}', state.server.name) }),
      h('p', {
        class: 'intro',
        text: org
          ? t("Answer the checklist for {0}'s MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {1} sends from any field.", org, SEND_KEY)
          : t("Answer the checklist for your organization's MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {0} sends from any field.", SEND_KEY),
      }),
      h('div', { id: 'notices' }),
      renderServer(),
      renderForm(),
    ];
    app.replaceChildren(...children.filter(Boolean));
    renderNotices();
    app.setAttribute('aria-busy', 'false');
  }

  function renderNotices() {
    const box = byId('notices');
    if (!box) return;
    box.replaceChildren();
    if (state.draftSavedAt) {
      box.append(
        h(
          'div',
          { class: 'notice', id: 'draft-notice', role: 'status' },
          iconRow(
            'edit',
            h('span', { text: t('Restored your draft from {0}.', when(state.draftSavedAt)) + ' ' }),
            h('button', { type: 'button', id: 'discard', class: 'link', text: t('Discard draft') }),
          ),
        ),
      );
    }
    if (state.previous) {
      const p = state.previous;
      const via = { post: t('sent to the request server'), browser: t('opened in the browser'), mailto: t('opened as an email'), clipboard: t('copied as Markdown') }[p.channel] || p.channel;
      box.append(
        h(
          'div',
          { class: 'notice', id: 'previous' },
          iconRow('history', p.id ? t('You already asked for approval of this server on {0} (request #{1}), {2}.', when(p.submittedAt), p.id, via) : t('You already asked for approval of this server on {0}, {1}.', when(p.submittedAt), via)),
        ),
      );
    }
  }

  function renderServer() {
    const s = state.server;
    if (state.isNew) {
      return h(
        'fieldset',
        { class: 'server', id: 'server' },
        h('legend', {}, labelled('server', t('The server'))),
        textField({
          key: 'name',
          label: t('Server name'),
          help: t('The name the MCP server is known by: its product, package or repository name.'),
          required: true,
          multiline: false,
          inputType: 'text',
          autocomplete: 'off',
        }, s.name || ''),
      );
    }
    const rows = [[t('Name'), s.name]];
    if (state.status) rows.push([t('Status'), s.inventoryMatch ? t('{0} (inventory entry "{1}")', state.status, s.inventoryMatch.id) : state.status]);
    if (s.transport) rows.push([t('Transport'), s.transport]);
    if (s.command) rows.push([t('Command'), [s.command].concat(s.args).join(' '), 'code']);
    if (s.url) rows.push([t('URL'), s.url, 'code']);
    if (s.package) rows.push([t('Package'), `${s.package.ecosystem} ${s.package.name}${s.package.version ? `@${s.package.version}` : ''}`, 'code']);
    if (s.envNames.length) rows.push([t('Environment variables (names only)'), s.envNames.join(', '), 'code']);
    if (s.headerNames.length) rows.push([t('Headers (names only)'), s.headerNames.join(', '), 'code']);
    if (s.foundIn) rows.push([t('Found in'), t('{0}, {1} scope: {2}', state.client || s.foundIn.client, s.foundIn.scope, s.foundIn.file)]);
    const dl = h('dl');
    for (const [term, value, kind] of rows) {
      dl.append(h('dt', { text: term }), h('dd', {}, kind === 'code' ? h('code', { text: value }) : value));
    }
    return h(
      'section',
      { class: 'server', id: 'server', 'aria-labelledby': 'server-heading' },
      h('h2', { id: 'server-heading' }, labelled('server', t('The server'))),
      h(
        'p',
        { class: 'help secrets', id: 'secrets-note' },
        iconRow(
          'lock',
          t('What reviewers will see about it. Secret values (tokens, keys, passwords) are never included: only the names of environment variables and headers.'),
          redacted(s) ? h('strong', { text: ' ' + t('Values that looked like secrets were removed and show as {0}.', REDACTED) }) : null,
        ),
      ),
      dl,
      renderSourceAndHistory(),
    );
  }

  /** Registry facts, read-only: looked up for the reviewers, sent with the request when the lookup answered. */
  function renderSourceAndHistory() {
    const lines = state.sourceAndHistory;
    if (!Array.isArray(lines) || !lines.length) return null;
    const dl = h('dl', { id: 'source-history' });
    for (const [term, value] of lines) dl.append(h('dt', { text: String(term) }), h('dd', { text: String(value) }));
    return h(
      'div',
      { class: 'source-history', role: 'group', 'aria-labelledby': 'source-heading' },
      h('h3', { id: 'source-heading', text: t('Source and history') }),
      h('p', { class: 'help', text: t('From the package registry, so reviewers need not look it up. Read-only.') }),
      dl,
    );
  }

  const REDACTED = '[redacted]';
  /** Whether the host removed a secret from what the form shows (src/core/secrets.ts marks it so). @param {any} s */
  function redacted(s) {
    return [s.command || '', s.url || ''].concat(s.args).some((/** @type {string} */ v) => v.includes(REDACTED));
  }

  /** What each checklist section is about (src/core/request/formState.ts); an unknown section gets no icon. @type {Record<string, string>} */
  const SECTION_ICON = { you: 'account', what: 'package', access: 'key', why: 'lightbulb' };

  function renderForm() {
    const form = h('form', { id: 'form', novalidate: true, 'aria-describedby': 'send-hint' });
    for (const section of state.sections) {
      const name = SECTION_ICON[section.id];
      const fs = h('fieldset', { class: 'section', id: `section-${section.id}` }, h('legend', {}, name ? labelled(name, section.title) : section.title));
      for (const f of section.fields) fs.append(f.choices ? choiceField(f, state.answers[f.key] || '') : textField(f, state.answers[f.key] || ''));
      form.append(fs);
    }
    form.append(
      h('p', { class: 'channel' }, iconRow('info', h('span', { id: 'channel', text: channelText() }))),
      h('div', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'status' }),
      h('div', { id: 'alert', role: 'alert', class: 'status error-status' }),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', id: 'send', hidden: state.channel.kind === 'none' }, sendContent()),
        h('button', { type: 'button', id: 'retry', class: 'secondary', hidden: true }, labelled('refresh', t('Retry'))),
        h('button', { type: 'button', id: 'copy', class: 'secondary' }, labelled('copy', t('Copy as Markdown'))),
        h('button', { type: 'button', id: 'close', class: 'secondary', hidden: true }, labelled('close', t('Close'))),
      ),
      h('p', { id: 'send-hint', class: 'help', text: t('{0} sends the request. Enter in a text box starts a new line; it never sends.', SEND_KEY) }),
    );
    return form;
  }

  /**
   * @param {{key: string, label: string, help: string, required: boolean, multiline: boolean, inputType: string, autocomplete: string}} f
   * @param {string} value
   */
  function textField(f, value) {
    const id = `f-${f.key}`;
    const control = f.multiline
      ? h('textarea', { id, name: f.key, rows: '4', 'aria-describedby': `${id}-help`, required: f.required, 'aria-required': f.required ? 'true' : undefined })
      : h('input', {
          id,
          name: f.key,
          type: f.inputType,
          autocomplete: f.autocomplete,
          spellcheck: f.inputType === 'text' ? undefined : 'false',
          'aria-describedby': `${id}-help`,
          required: f.required,
          'aria-required': f.required ? 'true' : undefined,
        });
    /** @type {HTMLInputElement} */ (control).value = value;
    return h(
      'div',
      { class: 'field', id: `${id}-field` },
      h('label', { for: id }, f.label, requiredMark(f.required)),
      control,
      h('p', { class: 'help', id: `${id}-help`, text: f.help }),
      errorBox(id),
    );
  }

  /**
   * @param {{key: string, label: string, help: string, required: boolean, choices: {value: string, label: string}[]}} f
   * @param {string} value
   */
  function choiceField(f, value) {
    const id = `f-${f.key}`;
    const options = f.required ? f.choices : [{ value: '', label: t('Not specified') }].concat(f.choices);
    const list = h('div', { class: 'options' });
    for (const c of options) {
      const oid = `${id}-${c.value || 'none'}`;
      const radio = h('input', { type: 'radio', id: oid, name: f.key, value: c.value });
      /** @type {HTMLInputElement} */ (radio).checked = c.value === value;
      list.append(h('div', { class: 'option' }, radio, h('label', { for: oid, text: c.label })));
    }
    return h(
      'fieldset',
      {
        class: 'field choice',
        id: `${id}-field`,
        role: 'radiogroup',
        'aria-labelledby': `${id}-legend`,
        'aria-describedby': `${id}-help`,
        'aria-required': f.required ? 'true' : undefined,
        'data-key': f.key,
      },
      h('legend', { id: `${id}-legend` }, f.label, requiredMark(f.required)),
      h('p', { class: 'help', id: `${id}-help`, text: f.help }),
      list,
      errorBox(id),
    );
  }

  /** Where a field's validation message goes (role=alert: read out when it appears). @param {string} id */
  function errorBox(id) {
    return h('p', { class: 'error', id: `${id}-error`, role: 'alert', hidden: true }, icon('error'), h('span', { class: 'error-text' }));
  }

  /** @param {boolean} required */
  function requiredMark(required) {
    if (!required) return null;
    // the * is for the eye; assistive technology gets aria-required on the control
    return h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' });
  }

  function channelText() {
    const target = state.channel.target;
    switch (state.channel.kind) {
      case 'post':
        return t('Send posts the request to {0} and shows its request number.', target);
      case 'browser':
        return t("Send opens your organization's request form ({0}) in the browser, prefilled with your answers.", target);
      case 'mailto':
        return t('Send opens an email to {0} in your mail app.', target);
      default:
        return t('The inventory in force names no place for approval requests: copy the request as Markdown and send it to your MCP administrators.');
    }
  }

  /** @type {Record<string, string>} */
  const SEND_ICON = { post: 'send', browser: 'link-external', mailto: 'mail' };
  /** The Send button's icon and words, by how the request goes out. */
  function sendContent() {
    const kind = state.channel.kind;
    /** @type {Record<string, string>} */
    const words = { post: t('Send request'), browser: t('Open request form'), mailto: t('Open email') };
    return labelled(SEND_ICON[kind] || 'send', words[kind] || t('Send request'));
  }

  /** After a 'context' message: new facts about the server, inventory and channel; what was typed stays. */
  function applyContext() {
    const title = byId('title');
    if (title && !state.isNew) title.textContent = t('Request approval: {0}', state.server.name);
    if (!state.isNew) {
      const old = byId('server');
      if (old) old.replaceWith(renderServer());
    }
    renderNotices();
    for (const f of fields()) {
      const mark = (/** @type {HTMLElement | null} */ node) => {
        if (!node) return;
        node.querySelector('.required')?.remove();
        const m = requiredMark(f.required);
        if (m) node.append(m);
      };
      if (f.choices) {
        const group = byId(`f-${f.key}-field`);
        if (group) {
          if (f.required) group.setAttribute('aria-required', 'true');
          else group.removeAttribute('aria-required');
        }
        mark(byId(`f-${f.key}-legend`));
      } else {
        const control = byId(`f-${f.key}`);
        if (control) {
          control.toggleAttribute('required', f.required);
          if (f.required) control.setAttribute('aria-required', 'true');
          else control.removeAttribute('aria-required');
        }
        mark(/** @type {HTMLElement | null} */ (document.querySelector(`label[for="f-${f.key}"]`)));
      }
    }
    const channel = byId('channel');
    if (channel) channel.textContent = channelText();
    const send = byId('send');
    if (send) {
      send.replaceChildren(sendContent());
      send.hidden = state.channel.kind === 'none' || done;
    }
  }

  // ---- values, errors, status ----------------------------------------------------------------------------------------

  function values() {
    /** @type {Record<string, string>} */
    const answers = {};
    for (const f of fields()) {
      if (f.choices) {
        const checked = /** @type {HTMLInputElement | null} */ (document.querySelector(`input[name="${f.key}"]:checked`));
        answers[f.key] = checked ? checked.value : '';
      } else {
        const control = /** @type {HTMLInputElement | null} */ (byId(`f-${f.key}`));
        answers[f.key] = control ? control.value : '';
      }
    }
    /** @type {{answers: Record<string, string>, name?: string}} */
    const out = { answers };
    if (state && state.isNew) out.name = /** @type {HTMLInputElement | null} */ (byId('f-name'))?.value ?? '';
    return out;
  }

  /** @param {{key: string, message: string}[]} errors @param {boolean} focus */
  function applyErrors(errors, focus) {
    const keys = ['name'].concat(fields().map((/** @type {any} */ f) => f.key));
    /** @type {HTMLElement | null} */
    let first = null;
    for (const key of keys) {
      const err = errors.find((e) => e.key === key);
      const box = byId(`f-${key}-error`);
      const group = byId(`f-${key}-field`);
      const isChoice = !!group && group.classList.contains('choice');
      const control = isChoice ? group : byId(`f-${key}`);
      if (!box || !control) continue;
      const describedBy = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== `f-${key}-error`);
      const text = box.querySelector('.error-text');
      if (err) {
        if (text) text.textContent = err.message;
        box.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        describedBy.push(`f-${key}-error`);
        group?.classList.add('invalid');
        if (!first) first = isChoice ? /** @type {HTMLElement | null} */ (group.querySelector('input:checked') || group.querySelector('input')) : control;
      } else {
        if (text) text.textContent = '';
        box.hidden = true;
        control.removeAttribute('aria-invalid');
        group?.classList.remove('invalid');
      }
      control.setAttribute('aria-describedby', describedBy.join(' '));
    }
    if (focus && first) first.focus();
  }

  /** @type {Record<string, string>} */
  const STATUS_ICON = { busy: 'loading', success: 'pass', info: 'info' };

  /** @param {{kind: string, text: string, retry?: boolean, done?: boolean} | null} status */
  function applyStatus(status) {
    const polite = byId('status');
    const alert = byId('alert');
    const send = byId('send');
    const retry = byId('retry');
    const close = byId('close');
    if (!polite || !alert || !send || !retry || !close) return;
    busy = !!status && status.kind === 'busy';
    done = done || !!(status && status.done);
    polite.replaceChildren();
    alert.replaceChildren();
    polite.className = 'status';
    if (status && status.kind === 'error') alert.append(iconRow('error', status.text));
    else if (status) {
      polite.append(iconRow(STATUS_ICON[status.kind] || 'info', status.text));
      polite.classList.add(`status-${status.kind}`);
    }
    send.setAttribute('aria-disabled', busy ? 'true' : 'false');
    send.hidden = state.channel.kind === 'none' || done;
    const hadFocus = document.activeElement === send;
    retry.hidden = !(status && status.retry);
    close.hidden = !done;
    app.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (status && status.retry && (hadFocus || document.activeElement === document.body)) retry.focus();
    else if (done && (hadFocus || document.activeElement === document.body)) close.focus();
  }

  /** Where the user was (focus and scroll, nothing typed): the webview is rebuilt when its tab is hidden and shown. */
  function rememberPlace() {
    const active = document.activeElement;
    vscode.setState({ focusId: active && active !== document.body ? active.id : '', scrollY: window.scrollY });
  }

  function restorePlace() {
    const place = vscode.getState();
    const target = place && place.focusId ? byId(place.focusId) : null;
    if (!target) return false;
    target.focus({ preventScroll: true });
    if (document.activeElement !== target) return false; // hidden now (e.g. Retry after a success)
    window.scrollTo(0, Number(place.scrollY) || 0);
    return true;
  }

  function focusFirstEmpty() {
    if (state.isNew && !(/** @type {HTMLInputElement} */ (byId('f-name'))?.value)) {
      byId('f-name')?.focus();
      return;
    }
    const v = values().answers;
    const f = fields().find((x) => !v[x.key]);
    if (!f) return;
    const target = f.choices ? document.querySelector(`input[name="${f.key}"]`) : byId(`f-${f.key}`);
    /** @type {HTMLElement | null} */ (target)?.focus();
  }

  // ---- actions -------------------------------------------------------------------------------------------------------

  function send() {
    if (!state || busy || done) return;
    vscode.postMessage({ type: 'submit', ...values() });
  }

  function changed() {
    if (state) vscode.postMessage({ type: 'change', ...values() });
  }

  app.addEventListener('input', changed);
  app.addEventListener('focusin', rememberPlace);
  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(rememberPlace, 200);
  });
  app.addEventListener('change', (e) => {
    // radios only fire 'change'; text fields already reported on 'input'
    if (e.target instanceof HTMLInputElement && e.target.type === 'radio') changed();
  });
  app.addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  app.addEventListener('click', (e) => {
    // a click on a button's icon or label lands on that child
    const target = e.target instanceof Element ? e.target.closest('button') : null;
    if (!target) return;
    switch (target.id) {
      case 'retry':
        send();
        break;
      case 'copy':
        if (state && !busy) vscode.postMessage({ type: 'copyMarkdown', ...values() });
        break;
      case 'discard':
        vscode.postMessage({ type: 'discardDraft' });
        break;
      case 'close':
        vscode.postMessage({ type: 'close' });
        break;
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      send();
      return;
    }
    // Enter in a one-line field or on a radio button would submit the form implicitly: it never sends here
    const t = e.target;
    if (t instanceof HTMLInputElement) e.preventDefault();
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'init':
        state = m.state;
        done = false;
        render();
        applyErrors(m.errors || [], false);
        applyStatus(m.status || null);
        if (!restorePlace()) focusFirstEmpty();
        break;
      case 'context':
        if (!state) return;
        state = Object.assign({}, m.state, { answers: state.answers });
        applyContext();
        break;
      case 'errors':
        if (state) applyErrors(m.errors || [], !!m.focus);
        break;
      case 'status':
        if (state) applyStatus(m.status || null);
        break;
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
