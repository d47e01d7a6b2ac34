/**
 * Reading the files a user names (spec files, weights files) and refusing bad ones with exit
 * code 2 and one line that names the file and what is wrong with it.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

/** A file the user named that cannot be used: exit code 2, like a bad option. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  readonly exitCode = 2;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * The bytes of a regular file. It is opened without blocking and checked before anything is
 * read, so a named pipe or a device (/dev/zero, /dev/stdin) is refused at once instead of
 * hanging or filling the memory.
 */
export function readRegularFile(path: string, what: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputFileError(`lenet: cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputFileError(`lenet: ${what} ${path} is ${kindOf(stats)}; only a regular file can be read`);
    return new Uint8Array(readFileSync(fd));
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(`lenet: cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
