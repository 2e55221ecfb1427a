import * as assert from 'node:assert/strict';
import { isReference, maskArgs, maskText, maskUrl, maskValue } from '../../src/core/secrets';

// Realistic-looking tokens (not real credentials).
const TOKENS = {
  github: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  githubFine: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH',
  gitlab: 'glpat-xxxxXXXX1234abcdEFGH',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  slack: 'xoxb-2010101010-3030303030-AbCdEfGhIjKlMnOpQrStUvWx',
  openai: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  anthropic: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFG',
  stripe: 'sk_live_51H8abcdefghijklmnopqrstuv',
  google: 'AIzaSyA1234567890abcdefghijklmnopqrstuv',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

describe('secret masking', () => {
  for (const [kind, token] of Object.entries(TOKENS)) {
    it(`masks ${kind} tokens and keeps at most 6 characters`, () => {
      const out = maskText(`--token-inline ${token} end`);
      assert.ok(!out.includes(token), out);
      assert.ok(!out.includes(token.slice(0, 7)), `more than 6 characters shown: ${out}`);
      assert.ok(out.endsWith(' end'));
    });
  }

  it('masks URL passwords and token-like query values, keeps the rest', () => {
    const url = maskUrl('https://user:s3cr3tpassw0rd@mcp.example.com/sse?api_key=abcdef123456&region=eu');
    assert.equal(url, 'https://user:s3cr3t****@mcp.example.com/sse?api_key=ab****&region=eu');
    assert.equal(maskUrl('https://mcp.example.com/mcp?token=${env:TOKEN}'), 'https://mcp.example.com/mcp?token=${env:TOKEN}');
    const random = 'Zx8Qw2Lp9Rt5Yv3Nm7Kb4Hc6Jd1Fg0Sa';
    assert.ok(!maskUrl(`https://x.example/mcp?x=${random}`).includes(random));
  });

  it('masks flag values and KEY=value arguments with secret names', () => {
    assert.deepEqual(maskArgs(['--api-key', 'abcd1234efgh5678', '--port', '8080']), ['--api-key', 'abcd12****', '--port', '8080']);
    assert.deepEqual(maskArgs(['--token=plainsecretvalue1']), ['--token=plains****']);
    assert.deepEqual(maskArgs(['-e', 'GITHUB_TOKEN=abc123abc123abc']), ['-e', 'GITHUB_TOKEN=abc123****']);
    assert.deepEqual(maskArgs(['-e', 'GITHUB_PERSONAL_ACCESS_TOKEN']), ['-e', 'GITHUB_PERSONAL_ACCESS_TOKEN']);
    assert.deepEqual(maskArgs(['--api-key', '${input:key}']), ['--api-key', '${input:key}']);
  });

  it('leaves ordinary arguments alone', () => {
    const args = ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/Users/dev/projects', '--repository', '.'];
    assert.deepEqual(maskArgs(args), args);
    assert.equal(maskText('Bearer ${input:gh-token}'), 'Bearer ${input:gh-token}');
  });

  it('references are recognized', () => {
    for (const r of ['${env:X}', '${input:gh}', '${X}', '{env:X}', '$TOKEN', '${{ secrets.X }}']) assert.ok(isReference(r), r);
    assert.ok(!isReference('ghp_abc'));
  });

  it('short secrets show even less', () => {
    assert.equal(maskValue('hunter2'), 'hu****');
  });
});
