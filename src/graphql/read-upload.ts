import type { FileUpload } from 'graphql-upload-minimal';
import { DomainError, ErrorCode } from '../shared/errors.js';

/** Reads an uploaded file into memory, refusing it once it passes `maxBytes`. */
export async function readUpload(upload: FileUpload, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of upload.createReadStream()) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) break;
      chunks.push(chunk as Buffer);
    }
  } catch {
    // graphql-upload-minimal ends the stream with an error when maxFileSize is exceeded.
    size = maxBytes + 1;
  }
  if (size > maxBytes) {
    throw new DomainError(ErrorCode.CSV_FILE_TOO_LARGE, `The file is larger than ${maxBytes} bytes`, { maxBytes });
  }
  return Buffer.concat(chunks);
}
