import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * Copy `from` to `to` as a stream (a large binary is never held in memory), writing
 * `<to>.partial` first and renaming it, so `to` is either complete or absent. Abortable.
 */
export async function copyFileStreamed(from: string, to: string, signal?: AbortSignal): Promise<void> {
  const partial = `${to}.partial`;
  try {
    await pipeline(createReadStream(from), createWriteStream(partial), { signal });
    renameSync(partial, to);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
