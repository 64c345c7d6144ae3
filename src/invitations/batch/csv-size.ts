import { DomainError, ErrorCode } from '../../shared/errors.js';

/**
 * The CSV size limit (`CSV_MAX_BYTES`), in one place: the upload reader stops at it, the batch
 * service checks it again for callers that pass content directly, and the multipart parser cuts off
 * one byte past it, so an oversized file is refused rather than silently truncated.
 */
export function checkCsvSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) throw new DomainError(ErrorCode.CSV_FILE_TOO_LARGE, `The file is larger than ${maxBytes} bytes`, { maxBytes });
}

/** The multipart parser's file-size cutoff for a limit of `maxBytes`. */
export function csvUploadCutoff(maxBytes: number): number {
  return maxBytes + 1;
}
