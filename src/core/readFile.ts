// Reads a config file defensively: only regular files, at most `maxBytes` counted as they are read
// (never trusting the size `stat` reports), every failure turned into a message instead of an exception.
import { promises as fs } from 'node:fs';
import { stripBom } from './text';

export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export type ReadResult = { kind: 'text'; text: string } | { kind: 'absent' } | { kind: 'error'; message: string };

export async function readConfigFile(file: string, maxBytes = MAX_CONFIG_BYTES): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    const st = await fs.stat(file); // follows symlinks: what the client would read
    if (st.isDirectory()) return { kind: 'error', message: 'is a directory, not a file' };
    if (!st.isFile()) return { kind: 'error', message: 'is not a regular file (device, FIFO or socket); not read' };
    handle = await fs.open(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { kind: 'error', message: `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; not read` };
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return { kind: 'text', text: stripBom(new TextDecoder('utf-8').decode(Buffer.concat(chunks, total))) };
  } catch (e) {
    return describeError(e);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function describeError(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { kind: 'absent' };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'error', message: 'cannot be read: permission denied' };
    case 'ELOOP':
      return { kind: 'error', message: 'cannot be read: symbolic link loop' };
    case 'EISDIR':
      return { kind: 'error', message: 'is a directory, not a file' };
    default:
      return { kind: 'error', message: `cannot be read: ${code ?? (e instanceof Error ? e.message : String(e))}` };
  }
}
