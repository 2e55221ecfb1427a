import * as assert from 'node:assert/strict';
import type { ClientId, ConfigFormat } from '../../src/core/model';
import { SERVER_RULES } from '../../src/core/rules';
import { dockerRisk } from '../../src/core/rules/dockerRisk';
import { readRuleFixture, runRule } from '../rules';

const read = readRuleFixture;

const scan = (text: string, client: ClientId, format: ConfigFormat, file?: string) => runRule(dockerRisk, text, client, format, file);


const docker = (args: string[], command = 'docker') => scan(JSON.stringify({ mcpServers: { s: { command, args } } }), 'claude-desktop', 'json');
const IMAGE = 'ghcr.io/acme/mcp:1.0.0@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';

describe('rule docker-risk', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(dockerRisk));
    assert.deepEqual([dockerRisk.id, dockerRisk.name, dockerRisk.defaultSeverity], ['docker-risk', 'DockerRisk', 'warning']);
  });

  describe('Claude Desktop config with docker servers (JSON)', () => {
    const hits = scan(read('claude-desktop-docker.json'), 'claude-desktop', 'json');

    it('every risky option, with its severity, on the offending value', () => {
      assert.deepEqual(
        hits.map((h) => [h.server, h.finding.severity, h.at]),
        [
          ['docker', 'error', '"/var/run/docker.sock:/var/run/docker.sock"'],
          ['filesystem', 'warning', '"type=bind,src=/Users/username,dst=/projects/home,ro"'],
          ['ops', 'error', '"--privileged"'],
          ['ops', 'warning', '"--network=host"'],
          ['ops', 'warning', '"host"'],
          ['ops', 'warning', '"SYS_ADMIN"'],
          ['ops', 'warning', '"seccomp=unconfined"'],
          ['ops', 'warning', '"/dev/kvm"'],
          ['ops', 'warning', '"${HOME}/.ssh:/root/.ssh:ro"'],
          ['ops', 'warning', '"/:/host"'],
          ['pods', 'error', '"$XDG_RUNTIME_DIR/podman/podman.sock:/run/podman/podman.sock"'],
          ['windows-engine', 'error', '"//./pipe/docker_engine://./pipe/docker_engine"'],
        ],
      );
    });

    it('golden messages', () => {
      const messages = hits.map((h) => h.finding.message);
      assert.deepEqual(messages.slice(0, 3), [
        "args[4]: mounts the container engine's socket (/var/run/docker.sock): the server can start privileged containers and take over the host.",
        'args[6]: mounts the whole home folder (/Users/username): SSH keys, cloud credentials and every project become readable by the server. Mount the project folder only.',
        'args[3]: --privileged gives the container every capability and device of the host: it is root on the host. Remove it.',
      ]);
      assert.ok(messages.includes('args[8]: --cap-add SYS_ADMIN: SYS_ADMIN allows mounts and most of what root can do. Drop it unless the server needs it.'));
      assert.ok(messages.includes('args[14]: mounts the credential folder .ssh (${HOME}/.ssh): the server can read (and use) those keys.'));
      assert.ok(messages.includes("args[16]: mounts the host's whole file system (/) into the container."));
    });

    it('options after the image belong to the container, and named volumes and project folders are fine', () => {
      // `ops` ends with `--network host` after the image; `notes` mounts a named volume and ./notes
      assert.equal(hits.filter((h) => h.server === 'ops' && /network/.test(h.finding.message)).length, 1);
      assert.ok(!hits.some((h) => h.server === 'notes' || h.server === 'github'));
    });
  });

  it('each spelling of the options', () => {
    const flags = (args: string[]) => docker(['run', '-i', '--rm', ...args, IMAGE]).map((h) => [h.finding.severity, h.at]);
    assert.deepEqual(flags(['--net', 'host']), [['warning', '"host"']]);
    assert.deepEqual(flags(['--ipc=host']), [['warning', '"--ipc=host"']]);
    assert.deepEqual(flags(['--cap-add=ALL']), [['warning', '"--cap-add=ALL"']]);
    assert.match(docker(['run', '--cap-add', 'NET_ADMIN', IMAGE])[0].finding.message, /--cap-add NET_ADMIN: NET_ADMIN widens/);
    assert.match(docker(['run', '--cap-add', 'ALL', IMAGE])[0].finding.message, /ALL gives every Linux capability/);
    assert.deepEqual(flags(['--security-opt', 'apparmor=unconfined']), [['warning', '"apparmor=unconfined"']]);
    assert.deepEqual(flags(['--privileged=false']), []);
    assert.deepEqual(flags(['-itv', '/var/run/docker.sock:/var/run/docker.sock']), [['error', '"/var/run/docker.sock:/var/run/docker.sock"']]);
    assert.deepEqual(flags(['--volume=/home/alice:/workspace']), [['warning', '"--volume=/home/alice:/workspace"']]);
    assert.deepEqual(flags(['-v', '~/.aws:/root/.aws:ro']), [['warning', '"~/.aws:/root/.aws:ro"']]);
    assert.deepEqual(flags(['-v', '$HOME/.config/gcloud:/root/.config/gcloud']), [['warning', '"$HOME/.config/gcloud:/root/.config/gcloud"']]);
    assert.deepEqual(flags(['-v', '/Users/bob/.kube:/root/.kube']), [['warning', '"/Users/bob/.kube:/root/.kube"']]);
    assert.deepEqual(flags(['-v', 'C:\\Users\\alice:/data']), [['warning', '"C:\\\\Users\\\\alice:/data"']]);
    assert.deepEqual(flags(['--mount', 'type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock']), [['error', '"type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock"']]);
    assert.deepEqual(flags(['--mount', 'type=volume,source=data,target=/data']), []);
    assert.deepEqual(flags(['-v', '/Users/bob/projects/app:/workspace', '-e', 'LOG_LEVEL=debug', '--network', 'mcp-net']), []);
  });

  it('podman, `docker container run` and shell wrappers', () => {
    assert.equal(docker(['run', '--privileged', IMAGE], 'podman').length, 1);
    assert.equal(docker(['container', 'run', '--privileged', IMAGE]).length, 1);
    const wrapped = docker(['-c', `docker run -i --rm --network host ${IMAGE}`], 'sh');
    assert.deepEqual(wrapped.map((h) => h.at), [`"docker run -i --rm --network host ${IMAGE}"`]);
    assert.deepEqual(docker(['ps']), []);
  });

  it('YAML (Continue) and TOML (Codex) entries', () => {
    const yaml = `mcpServers:\n  - name: ops\n    command: docker\n    args: ["run", "-i", "--privileged", "${IMAGE}"]\n`;
    const y = scan(yaml, 'continue', 'yaml', '/home/me/.continue/config.yaml');
    assert.deepEqual(y.map((h) => [h.at, h.finding.range?.start]), [['"--privileged"', { line: 3, character: 24 }]]);
    const toml = `[mcp_servers.ops]\ncommand = "docker"\nargs = ["run", "-i", "-v", "/var/run/docker.sock:/var/run/docker.sock", "${IMAGE}"]\n`;
    const t = scan(toml, 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(t.map((h) => [h.finding.severity, h.at, h.finding.range?.start]), [['error', '"/var/run/docker.sock:/var/run/docker.sock"', { line: 2, character: 27 }]]);
  });
});
