// `npm start`: build, then scan this machine and the folder npm was started from against the bundled
// example inventory (or the one passed with --inventory). Extra arguments go to `mcp-gatekeeper scan`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extra = process.argv.slice(2);
const args = [path.join(root, 'dist/cli.js'), 'scan'];
if (!extra.includes('--workspace')) args.push('--workspace', process.env.INIT_CWD || process.cwd());
// a report, not a gate: findings do not make `npm start` fail unless asked to
if (!extra.includes('--fail-on')) args.push('--fail-on', 'never');
const scan = spawnSync(process.execPath, [...args, ...extra], { stdio: 'inherit' });
process.exit(scan.status ?? 1);
