// A stand-in for the `vscode` module, enough to load dist/extension.js in plain Node and time `activate()`
// (bench/activation.cjs). What the extension reads is real (workspace folders, settings defaults, an empty state);
// everything else is an inert object that accepts any call. Not a test double: nothing here checks behaviour.
'use strict';
const path = require('node:path');

/** Accepts any property read, call or `new`, and returns another such object. */
function inert(name = 'vscode') {
  const props = new Map();
  return new Proxy(function () {}, {
    get(_t, p) {
      if (p === 'then' || p === Symbol.iterator || p === Symbol.asyncIterator) return undefined;
      if (p === Symbol.toPrimitive) return () => name;
      if (p === 'dispose') return () => undefined;
      if (!props.has(p)) props.set(p, inert(`${name}.${String(p)}`));
      return props.get(p);
    },
    set(_t, p, v) {
      props.set(p, v);
      return true;
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}

const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

class Uri {
  constructor(fsPath) {
    this.scheme = 'file';
    this.fsPath = fsPath;
    this.path = fsPath.replace(/\\/g, '/');
  }
  static file(p) {
    return new Uri(p);
  }
  static from(components) {
    return Object.assign(new Uri(components.path ?? ''), { scheme: components.scheme ?? 'file' });
  }
  static parse(s) {
    return new Uri(s.replace(/^file:\/\//, ''));
  }
  static joinPath(base, ...parts) {
    return new Uri(path.join(base.fsPath, ...parts));
  }
  with() {
    return this;
  }
  toString() {
    return `file://${this.path}`;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (l) => {
      this.listeners.push(l);
      return disposable();
    };
  }
  fire(e) {
    for (const l of this.listeners) l(e);
  }
  dispose() {}
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...ds) {
    return new Disposable(() => ds.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.fn?.();
  }
}

class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? { line: a, character: b } : a;
    this.end = typeof a === 'number' ? { line: c, character: d } : b;
  }
}

/** Counts what the extension reports, so the bench can tell a scan really ran. */
const reported = { diagnostics: 0, log: [] };

function create(workspaceFolders) {
  const memento = () => {
    const m = new Map();
    return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} };
  };
  // a plain object: bundles copy the module's own properties (esbuild's __toESM), so every name must be one
  const vscode = {
    commands: inert('commands'),
    CodeAction: inert('CodeAction'),
    CodeActionKind: inert('CodeActionKind'),
    DiagnosticRelatedInformation: inert('DiagnosticRelatedInformation'),
    Hover: inert('Hover'),
    Location: inert('Location'),
    MarkdownString: inert('MarkdownString'),
    RelativePattern: inert('RelativePattern'),
    ThemeColor: inert('ThemeColor'),
    ThemeIcon: inert('ThemeIcon'),
    TreeItem: class { constructor(label, collapsibleState) { Object.assign(this, { label, collapsibleState }); } },
    WorkspaceEdit: inert('WorkspaceEdit'),
  };
  Object.assign(vscode, {
    Uri,
    EventEmitter,
    Disposable,
    Range,
    Position: class { constructor(line, character) { this.line = line; this.character = character; } },
    Diagnostic: class { constructor(range, message, severity) { Object.assign(this, { range, message, severity }); } },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    l10n: { t: (message, ...args) => (typeof message === 'string' ? message.replace(/\{(\d+)\}/g, (_, i) => String(args[i])) : message.message) },
    env: { language: 'en', appName: 'Visual Studio Code', machineId: 'bench', clipboard: inert('clipboard'), openExternal: async () => true },
  });
  vscode.ThemeIcon.File = inert('ThemeIcon.File');
  vscode.workspace = Object.assign(inert('workspace'), {
    workspaceFolders: workspaceFolders.map((p, index) => ({ uri: Uri.file(p), name: path.basename(p), index })),
    isTrusted: true,
    textDocuments: [],
    getConfiguration: () => ({ get: (_k, d) => d, inspect: () => undefined, has: () => false, update: async () => undefined }),
    onDidChangeConfiguration: event(),
    onDidChangeTextDocument: event(),
    onDidOpenTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidChangeWorkspaceFolders: event(),
    onDidGrantWorkspaceTrust: event(),
    createFileSystemWatcher: () => ({ onDidChange: event(), onDidCreate: event(), onDidDelete: event(), dispose() {} }),
    asRelativePath: (p) => (typeof p === 'string' ? p : p.fsPath),
  });
  const channel = () => {
    const c = inert('outputChannel');
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine']) c[level] = (m) => void reported.log.push(`${level} ${m}`);
    return c;
  };
  vscode.window = Object.assign(inert('window'), {
    createOutputChannel: channel,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    showQuickPick: async () => undefined,
    showInputBox: async () => undefined,
    withProgress: async (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event() }),
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: event(),
    onDidChangeVisibleTextEditors: event(),
  });
  vscode.languages = Object.assign(inert('languages'), {
    createDiagnosticCollection: () => ({
      set(uri, list) {
        if (Array.isArray(uri)) for (const [, l] of uri) reported.diagnostics += l?.length ?? 0;
        else reported.diagnostics += list?.length ?? 0;
      },
      delete() {},
      clear() {},
      forEach() {},
      get: () => [],
      dispose() {},
    }),
  });
  const context = {
    subscriptions: [],
    globalState: memento(),
    workspaceState: memento(),
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: event() },
    extensionUri: Uri.file(path.resolve(__dirname, '..')),
    extensionPath: path.resolve(__dirname, '..'),
    globalStorageUri: Uri.file(path.join(require('node:os').tmpdir(), 'mcpg-bench-storage')),
    storageUri: undefined,
    logUri: Uri.file(require('node:os').tmpdir()),
    extensionMode: 1,
    extension: { packageJSON: require('../package.json') },
  };
  return { vscode, context, reported };
}

/** Makes `require('vscode')` return the stand-in. */
function install(vscode) {
  const Module = require('node:module');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
}

module.exports = { create, install };
