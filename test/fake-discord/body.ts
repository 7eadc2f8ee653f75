// Request bodies as Discord accepts them: JSON, or multipart/form-data with `payload_json` plus
// `files[n]` parts (what @discordjs/rest sends whenever files are attached).
import type { IncomingMessage } from 'node:http';
import type { UploadedFile } from './router.js';

/** Matches attachment_size_limit in interaction payloads (10 MiB, an unboosted guild). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface Parsed {
  body: unknown;
  files: UploadedFile[];
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(raw: Buffer, contentType: string): Promise<Parsed> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!contentType.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  // Undici's Response parses multipart exactly as the spec defines it, so no extra dependency.
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let body: Record<string, unknown> | undefined;
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') {
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
    } else if (field === 'payload_json') {
      body = { ...body, ...(JSON.parse(value) as Record<string, unknown>) };
    } else {
      body = { ...body, [field]: value };
    }
  }
  return { body, files };
}
