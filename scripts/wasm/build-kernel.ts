/**
 * Compiles server/compare/batch/batch-kernel.wat to batch-kernel.wasm (WABT's wat2wasm, from the
 * `wabt` package). `--check` exits 1 when the committed binary is not the compilation of the source.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compileKernelWat, KERNEL_WASM, KERNEL_WAT } from "../../server/compare/batch/kernel-source";

const bytes = await compileKernelWat(readFileSync(KERNEL_WAT, "utf8"));
if (process.argv.includes("--check")) {
  const same = Buffer.compare(Buffer.from(bytes), readFileSync(KERNEL_WASM)) === 0;
  console.log(same ? "batch-kernel.wasm is up to date" : "batch-kernel.wasm differs from the compilation of batch-kernel.wat; run scripts/wasm/build-kernel.ts");
  process.exit(same ? 0 : 1);
}
writeFileSync(KERNEL_WASM, bytes);
console.log(`wrote ${KERNEL_WASM} (${bytes.byteLength} bytes)`);
