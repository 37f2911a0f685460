/**
 * Compiles the batch engine's WebAssembly sources (server/compare/batch/batch-kernel.wat and
 * batch-text.wat) to their .wasm binaries (WABT's wat2wasm, from the `wabt` package). `--check`
 * exits 1 when a committed binary is not the compilation of its source.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { compileKernelWat, KERNEL_WASM, KERNEL_WAT, TEXT_WASM, TEXT_WAT } from "../../server/compare/batch/kernel-source";

let stale = false;
for (const [wat, wasm] of [
  [KERNEL_WAT, KERNEL_WASM],
  [TEXT_WAT, TEXT_WASM],
] as const) {
  const bytes = await compileKernelWat(readFileSync(wat, "utf8"), basename(wat));
  if (process.argv.includes("--check")) {
    const same = Buffer.compare(Buffer.from(bytes), readFileSync(wasm)) === 0;
    console.log(same ? `${basename(wasm)} is up to date` : `${basename(wasm)} differs from the compilation of ${basename(wat)}; run scripts/wasm/build-kernel.ts`);
    stale ||= !same;
  } else {
    writeFileSync(wasm, bytes);
    console.log(`wrote ${wasm} (${bytes.byteLength} bytes)`);
  }
}
process.exit(stale ? 1 : 0);
