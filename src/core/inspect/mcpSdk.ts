// The parts of the official MCP TypeScript SDK an inspection uses. This module is the entry of its own bundle
// (dist/mcp-sdk.js, see scripts/build.mjs) and is only ever loaded through `sdk()` in connect.ts, when the user asks
// for an inspection: scans never load it.
import * as z from 'zod/v4';

export { Client } from '@modelcontextprotocol/sdk/client/index.js';
export { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
export { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
export { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/**
 * Any JSON object as a result. The SDK's own list schemas reject a whole page when one tool is malformed (an
 * inputSchema without `type: object`, say); an inspection wants to see exactly what the server sent.
 */
export const AnyObjectResult = z.looseObject({});
