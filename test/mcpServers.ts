// Small MCP servers for the inspection tests, on loopback only, built with the official SDK's server classes:
// streamable HTTP (stateless, one McpServer/Server per request), the older HTTP+SSE transport, and a server that
// accepts connections and never answers.
import * as http from 'node:http';
import * as path from 'node:path';
import type { Socket } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { ListToolsRequestSchema, ListPromptsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { FIXTURES } from './helpers';

export interface FixtureTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const TOOLS = require(path.join(FIXTURES, 'inspect', 'tools.cjs')) as {
  tags(text: string): string;
  honest: FixtureTool[];
  poisoned: FixtureTool[];
  POISONED_ADD: FixtureTool;
  INVISIBLE: FixtureTool;
  HIDDEN: string;
  BASE64: FixtureTool;
  BASE64_TEXT: string;
  SCHEMA_INJECTION: FixtureTool;
  CROSS_SERVER: FixtureTool;
  changing: FixtureTool[][];
  forecastV1: FixtureTool;
  forecastV2: FixtureTool;
  alertsTool: FixtureTool;
};

export const STDIO_SERVER = path.join(FIXTURES, 'inspect', 'stdio-server.cjs');

export interface TestServer {
  url: string;
  /** headers of every request received */
  requests: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener, pathname: string): Promise<TestServer> {
  const requests: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    handler(req, res);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A low-level SDK server that lists exactly these tools (and prompts, when given). */
function rawServer(name: string, tools: () => FixtureTool[], prompts?: { name: string; description?: string }[], pageSize?: number): Server {
  const server = new Server({ name, version: '2.1.0' }, { capabilities: { tools: {}, ...(prompts ? { prompts: {} } : {}) }, instructions: `Server ${name} for tests.` });
  server.setRequestHandler(ListToolsRequestSchema, async (req) => {
    const all = tools();
    if (!pageSize) return { tools: all as never };
    const start = Number(req.params?.cursor ?? 0);
    const next = start + pageSize;
    return { tools: all.slice(start, next) as never, ...(next < all.length ? { nextCursor: String(next) } : {}) };
  });
  if (prompts) server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts }));
  return server;
}

/** The honest server as an McpServer with zod input schemas (how most TypeScript servers are written). */
function honestMcpServer(): McpServer {
  const server = new McpServer({ name: 'weather-honest', version: '1.4.0' });
  server.registerTool(
    'get_alerts',
    { description: 'Get weather alerts for a US state.', inputSchema: { state: z.string().length(2).describe('Two-letter US state code (e.g. CA, NY)') } },
    async () => ({ content: [{ type: 'text', text: 'No alerts' }] }),
  );
  server.registerTool(
    'get_forecast',
    {
      description: 'Get the weather forecast for a location.',
      inputSchema: { latitude: z.number().min(-90).max(90).describe('Latitude of the location'), longitude: z.number().min(-180).max(180).describe('Longitude of the location') },
    },
    async () => ({ content: [{ type: 'text', text: 'Sunny' }] }),
  );
  server.registerPrompt('summarize-forecast', { description: 'Summarize the forecast for a city.', argsSchema: { city: z.string().describe('City name') } }, ({ city }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Summarize the forecast for ${city}` } }],
  }));
  return server;
}

export type HttpMode = { kind: 'honest' } | { kind: 'tools'; tools: () => FixtureTool[]; name?: string; prompts?: { name: string; description?: string }[]; pageSize?: number };

/** Streamable HTTP at /mcp, stateless (a fresh server per POST; GET answers 405 as the spec allows). */
export async function startStreamableServer(mode: HttpMode): Promise<TestServer> {
  return listen((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const server = mode.kind === 'honest' ? honestMcpServer() : rawServer(mode.name ?? 'fixture-http', mode.tools, mode.prompts, mode.pageSize);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  }, '/mcp');
}

/** Only the older HTTP+SSE transport: GET /sse opens the stream, POST /messages?sessionId=… carries requests. */
export async function startSseServer(tools: () => FixtureTool[]): Promise<TestServer> {
  const transports = new Map<string, SSEServerTransport>();
  return listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      void rawServer('fixture-sse', tools).connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const t = transports.get(url.searchParams.get('sessionId') ?? '');
      if (!t) {
        res.writeHead(404).end();
        return;
      }
      void t.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end('not found');
  }, '/sse');
}

/** Accepts every request and never answers. */
export async function startHangingServer(): Promise<TestServer> {
  return listen(() => undefined, '/mcp');
}
