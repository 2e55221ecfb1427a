// Claude Desktop: `claude_desktop_config.json` in the app's data folder, key `mcpServers`, strict JSON, stdio only.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { appDataDir } from './paths';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const claudeDesktop: ClientModule = {
  id: 'claude-desktop',
  displayName: 'Claude Desktop',
  locations(ctx) {
    // macOS and Windows are documented; Linux builds use the XDG config folder.
    return [{ path: path.join(appDataDir(ctx, 'Claude'), 'claude_desktop_config.json'), client: 'claude-desktop', scope: 'user', format: 'json' }];
  },
  fixes: {}, // stdio only: gateway routes need the inventory's gateway.stdioBridge
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
