import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/** sha256 (hex) and size of a file, streamed. */
export async function fileChecksum(path: string): Promise<{ checksum: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { checksum: hash.digest("hex"), sizeBytes: (await stat(path)).size };
}
