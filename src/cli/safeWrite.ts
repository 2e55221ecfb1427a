// Writing a fixed config file in place without ever losing or half-writing it: a `.bak` copy of the exact bytes, the
// new text in a temporary file next to the target, then one rename. A file that changed since it was planned on (or
// that does not read back byte-for-byte as UTF-8), a read-only file and one deleted meanwhile are left alone, and the
// reason says which (a full disk or a refused write too, in words, with the system's code).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Replaces `file` (whose text, BOM stripped, must still be `expected`) with `text`, keeping its BOM, mode and owner,
 * and leaves `<file>.bak` with the previous bytes. A symbolic link is written through, never replaced. Returns null
 * when written, else why not (the file is then untouched).
 */
export async function writeSafely(file: string, expected: string, text: string): Promise<string | null> {
  let target: string;
  let raw: Buffer;
  let mode: number;
  let owner: { uid: number; gid: number };
  try {
    target = await fs.realpath(file);
    const st = await fs.stat(target);
    if (!st.isFile()) return 'is not a regular file';
    // read-only is the owner's "do not change this" (root could write anyway: it must not)
    if ((st.mode & 0o200) === 0) return 'the file is read-only; make it writable to apply the fix';
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
    raw = await fs.readFile(target);
  } catch (e) {
    return errorCode(e) === 'ENOENT' ? 'the file no longer exists (deleted during the run?)' : failed('cannot read', e);
  }
  const bom = raw.subarray(0, 3).equals(BOM);
  const decoded = new TextDecoder('utf-8').decode(raw); // drops the BOM, turns invalid bytes into U+FFFD
  if (decoded !== expected) return 'the file changed during the run';
  if (!Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(expected, 'utf8')]).equals(raw)) {
    return 'the file is not valid UTF-8: rewriting it would change bytes outside the fix';
  }

  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const backup = `${file}.bak`;
  const backupTmp = path.join(path.dirname(backup), `.${path.basename(backup)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // the backup too goes through a new file and a rename: a `.bak` that is a link is replaced, not written through
    await writeNew(backupTmp, raw, mode, owner);
    await fs.rename(backupTmp, backup);
    await writeNew(tmp, Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]), mode, owner);
    // last look before the swap: an editor may have saved the file meanwhile, or it was deleted
    const now = await fs.readFile(target).catch((e: unknown) => (errorCode(e) === 'ENOENT' ? null : Promise.reject(e)));
    if (!now?.equals(raw)) {
      await fs.rm(tmp, { force: true });
      return now ? 'the file changed during the run' : `the file was deleted during the run (its last text is in ${backup})`;
    }
    await fs.rename(tmp, target);
    return null;
  } catch (e) {
    await Promise.all([fs.rm(tmp, { force: true }), fs.rm(backupTmp, { force: true })]).catch(() => undefined);
    return failed('cannot write', e);
  }
}

/** A file that must not exist yet, with the original's mode (and owner, when running as root). */
async function writeNew(file: string, data: Buffer, mode: number, owner: { uid: number; gid: number }): Promise<void> {
  await fs.writeFile(file, data, { flag: 'wx', mode: mode & 0o777 });
  await fs.chmod(file, mode).catch(() => undefined); // the umask applied to the mode at creation
  if (process.getuid?.() === 0) await fs.chown(file, owner.uid, owner.gid).catch(() => undefined);
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'a folder is in the way',
  ENOTEMPTY: 'a folder is in the way',
  EEXIST: 'a file is in the way',
  EIO: 'input/output error',
};

/** What failed and the system's reason in words, with its code: `cannot write: no space left on the device (ENOSPC)`. */
function failed(what: string, e: unknown): string {
  const code = errorCode(e);
  return REASONS[code] ? `${what}: ${REASONS[code]} (${code})` : `${what} (${code})`;
}
