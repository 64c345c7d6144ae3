import type { FileUpload } from 'graphql-upload-minimal';
import { checkCsvSize } from '../invitations/batch/csv-size.js';

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
  checkCsvSize(size, maxBytes);
  return Buffer.concat(chunks);
}
