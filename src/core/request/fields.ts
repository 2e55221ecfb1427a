// The approval checklist: the fields of a request, their keys (also the payload's JSON names) and choices.

export const FIELD_KEYS = [
  'requester',
  'email',
  'team',
  'description',
  'vendor',
  'homepage',
  'expectedTools',
  'dataAccess',
  'dataClassification',
  'writeAccess',
  'scopes',
  'authMethod',
  'justification',
  'expectedValue',
  'alternatives',
  'urgency',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];

export interface FieldSpec {
  key: FieldKey;
  label: string;
  help: string;
  /** a closed list of answers, when there is one */
  choices?: readonly { value: string; label: string }[];
  multiline?: boolean;
}

export const FIELDS: readonly FieldSpec[] = [
  { key: 'requester', label: 'Your name', help: 'Who is asking (from git config; edit if needed).' },
  { key: 'email', label: 'Email', help: 'Where the decision should be sent.' },
  { key: 'team', label: 'Team', help: 'Your team or department.' },
  { key: 'description', label: 'What it does', help: 'What the MCP server does and which tools you expect to use.', multiline: true },
  { key: 'vendor', label: 'Source / vendor', help: 'Who publishes it (company, open-source project, individual).' },
  { key: 'homepage', label: 'Homepage or repository', help: 'Where reviewers can read its code or documentation.' },
  { key: 'expectedTools', label: 'Tools you expect to use', help: 'Tool names, comma-separated.' },
  { key: 'dataAccess', label: 'Data it will access', help: 'Systems, repositories, files or accounts it can read or change.', multiline: true },
  {
    key: 'dataClassification',
    label: 'Data classification',
    help: 'The most sensitive data it can reach.',
    choices: [
      { value: 'public', label: 'Public' },
      { value: 'internal', label: 'Internal' },
      { value: 'confidential', label: 'Confidential' },
      { value: 'customer-pii', label: 'Customer PII' },
    ],
  },
  {
    key: 'writeAccess',
    label: 'Read-only or write',
    help: 'Can it change data, send messages or run commands?',
    choices: [
      { value: 'read-only', label: 'Read-only' },
      { value: 'write', label: 'Can write or act' },
    ],
  },
  { key: 'scopes', label: 'OAuth scopes or permissions', help: 'Scopes, roles or permissions it requests.' },
  {
    key: 'authMethod',
    label: 'Authentication',
    help: 'How it authenticates to the service behind it.',
    choices: [
      { value: 'oauth', label: 'OAuth' },
      { value: 'api-key', label: 'API key or token' },
      { value: 'none', label: 'None' },
    ],
  },
  { key: 'justification', label: 'Business justification', help: 'Why you need it.', multiline: true },
  { key: 'expectedValue', label: 'Expected value', help: 'What it saves or enables.', multiline: true },
  { key: 'alternatives', label: 'Alternatives considered', help: 'Approved MCP servers you looked at and why they do not fit.', multiline: true },
  {
    key: 'urgency',
    label: 'Urgency',
    help: 'How soon you need a decision.',
    choices: [
      { value: 'low', label: 'Low' },
      { value: 'normal', label: 'Normal' },
      { value: 'high', label: 'High' },
    ],
  },
];

/** Without a `requestForm` in the inventory, only the justification is required. */
export const DEFAULT_REQUIRED: readonly FieldKey[] = ['justification'];

export function isFieldKey(key: string): key is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(key);
}
