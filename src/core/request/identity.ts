// The requester's name and email, prefilled from git config (editable in the form). Never fails: git may be absent.
import { execFile } from 'node:child_process';

export interface Identity {
  name?: string;
  email?: string;
}

export async function gitIdentity(cwd?: string): Promise<Identity> {
  const [name, email] = await Promise.all([gitConfig('user.name', cwd), gitConfig('user.email', cwd)]);
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

function gitConfig(key: string, cwd?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', key], { cwd, timeout: 3000, windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined);
    });
  });
}
