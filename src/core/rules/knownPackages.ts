// Well-known MCP server packages: the names typosquats imitate. Each name was checked against its publisher's own
// install instructions (the modelcontextprotocol/servers READMEs, vendors' docs); an entry here is never reported as a
// look-alike of another, and a name one or two edits away from one is (lookalike-package).
// The organization's approved inventory packages are compared the same way; this list covers what people install
// before anyone has approved anything.

export interface KnownPackage {
  ecosystem: 'npm' | 'pypi' | 'oci';
  name: string;
  /** who publishes it, for messages */
  publisher: string;
}

const REFERENCE = 'the MCP reference servers';
const npm = (publisher: string, ...names: string[]): KnownPackage[] => names.map((name) => ({ ecosystem: 'npm', name, publisher }));
const pypi = (publisher: string, ...names: string[]): KnownPackage[] => names.map((name) => ({ ecosystem: 'pypi', name, publisher }));
const oci = (publisher: string, ...names: string[]): KnownPackage[] => names.map((name) => ({ ecosystem: 'oci', name, publisher }));

export const KNOWN_PACKAGES: readonly KnownPackage[] = [
  // modelcontextprotocol/servers (current and archived reference servers: archived ones are still installed widely)
  ...npm(
    REFERENCE,
    '@modelcontextprotocol/server-filesystem',
    '@modelcontextprotocol/server-memory',
    '@modelcontextprotocol/server-everything',
    '@modelcontextprotocol/server-sequential-thinking',
    '@modelcontextprotocol/server-github',
    '@modelcontextprotocol/server-gitlab',
    '@modelcontextprotocol/server-postgres',
    '@modelcontextprotocol/server-puppeteer',
    '@modelcontextprotocol/server-brave-search',
    '@modelcontextprotocol/server-google-maps',
    '@modelcontextprotocol/server-slack',
    '@modelcontextprotocol/server-redis',
    '@modelcontextprotocol/server-gdrive',
    '@modelcontextprotocol/server-aws-kb-retrieval',
    '@modelcontextprotocol/server-everart',
    '@modelcontextprotocol/inspector',
  ),
  ...pypi(REFERENCE, 'mcp-server-fetch', 'mcp-server-git', 'mcp-server-time', 'mcp-server-sqlite', 'mcp-server-sentry'),
  ...oci(REFERENCE, 'mcp/fetch', 'mcp/filesystem', 'mcp/git', 'mcp/time', 'mcp/memory', 'mcp/postgres', 'mcp/sequentialthinking', 'mcp/github'),
  // vendors' own servers
  ...npm('Microsoft', '@playwright/mcp', '@azure/mcp'),
  ...npm('Upstash', '@upstash/context7-mcp'),
  ...npm('Notion', '@notionhq/notion-mcp-server'),
  ...npm('Supabase', '@supabase/mcp-server-supabase'),
  ...npm('Sentry', '@sentry/mcp-server'),
  ...npm('Browserbase', '@browserbasehq/mcp', '@browserbasehq/mcp-server-browserbase'),
  ...npm('Cloudflare', '@cloudflare/mcp-server-cloudflare'),
  ...npm('Stripe', '@stripe/mcp'),
  ...npm('Google', 'chrome-devtools-mcp'),
  ...npm('Firecrawl', 'firecrawl-mcp'),
  ...npm('Tavily', 'tavily-mcp'),
  ...npm('Exa', 'exa-mcp-server'),
  ...npm('Framelink (GLips)', 'figma-developer-mcp'),
  ...npm('ExecuteAutomation', '@executeautomation/playwright-mcp-server'),
  ...npm('Desktop Commander', '@wonderwhy-er/desktop-commander'),
  ...npm('mcp-remote (geelen)', 'mcp-remote'),
  ...pypi(
    'AWS Labs',
    'awslabs.core-mcp-server',
    'awslabs.aws-api-mcp-server',
    'awslabs.aws-documentation-mcp-server',
    'awslabs.ccapi-mcp-server',
    'awslabs.cdk-mcp-server',
    'awslabs.terraform-mcp-server',
    'awslabs.aws-pricing-mcp-server',
    'awslabs.aws-diagram-mcp-server',
    'awslabs.bedrock-kb-retrieval-mcp-server',
    'awslabs.nova-canvas-mcp-server',
    'awslabs.cost-analysis-mcp-server',
    'awslabs.documentdb-mcp-server',
  ),
  ...pypi('Qdrant', 'mcp-server-qdrant'),
  ...pypi('Microsoft', 'markitdown-mcp'),
  ...pypi('sooperset', 'mcp-atlassian'),
  ...oci('GitHub', 'ghcr.io/github/github-mcp-server'),
  ...oci('sooperset', 'ghcr.io/sooperset/mcp-atlassian'),
];
