// "Running MCP Servers" in a real host: a process that looks like an MCP server and that no client configures is
// listed as such, with its command line masked.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './util';

describe('running MCP servers view', () => {
  let child: ChildProcess;
  const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

  before(async () => {
    await activateExtension();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-proc-'));
    const script = path.join(dir, 'mcp-server-weather.js');
    fs.writeFileSync(script, 'setInterval(() => {}, 1000);');
    child = spawn(process.execPath, [script, '--token', token], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
  });

  after(() => {
    child.kill();
  });

  it('lists a running server no client configures, with secrets masked', async () => {
    if (process.platform !== 'linux') return; // the host used for these tests runs on Linux
    type Running = { pid: number; pids: number[]; unconfigured: boolean; commandLine: string; program: string | null };
    // the child may still be starting (its command line is the parent's until it has exec'd): list again until it shows
    let running: Running[] = [];
    const deadline = Date.now() + 15_000;
    do {
      running = await vscode.commands.executeCommand<Running[]>('mcpGatekeeper.processes.refresh');
      if (running.some((p) => p.pids.includes(child.pid!))) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    const ours = running.find((p) => p.pids.includes(child.pid!));
    assert.ok(ours, `the fake server (pid ${child.pid}) is listed: ${JSON.stringify(running.map((p) => [p.pids, p.program]))}`);
    assert.equal(ours.unconfigured, true);
    assert.ok(!ours.commandLine.includes(token), 'the token is masked');
    assert.match(ours.commandLine, /mcp-server-weather\.js --token ghp_16\*\*\*\*/);
  });
});
