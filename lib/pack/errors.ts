export type PackErrorCode =
  'invalid' | 'too-large' | 'bomb' | 'encoding' | 'storage-full' | 'interrupted' | 'not-newer' | 'wrong-pack' | 'network' | 'permission';

/** A pack that cannot be read or installed, with where the problem is when it is in a row. */
export class PackError extends Error {
  constructor(
    message: string,
    readonly code: PackErrorCode,
    /** For validation errors: the list, the 1-based row within it, the row's id, the field path. */
    readonly where?: { list?: string; row?: number; id?: string; field?: string },
  ) {
    super(message);
    this.name = 'PackError';
  }
}
