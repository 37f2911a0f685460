/** Where the batch engine's WebAssembly sources and binaries live, and how the one becomes the other. */
import { fileURLToPath } from "node:url";

export const KERNEL_WAT = fileURLToPath(new URL("./batch-kernel.wat", import.meta.url));
export const KERNEL_WASM = fileURLToPath(new URL("./batch-kernel.wasm", import.meta.url));
/** Line counting, the JSON-lines reader's common shape and the result lines' printer (jsonl-pairs.ts). */
export const TEXT_WAT = fileURLToPath(new URL("./batch-text.wat", import.meta.url));
export const TEXT_WASM = fileURLToPath(new URL("./batch-text.wasm", import.meta.url));

/** wat2wasm with the threads feature (the modules import a shared memory); a development tool only. */
export async function compileKernelWat(source: string, name = "batch-kernel.wat"): Promise<Uint8Array> {
  const { default: init } = await import("wabt");
  const wabt = await init();
  const mod = wabt.parseWat(name, source, { threads: true, simd: true, bulk_memory: true, sat_float_to_int: true });
  try {
    const bytes = new Uint8Array(mod.toBinary({}).buffer);
    // Validated by the engine that runs it (wabt.js's validate ignores the threads feature).
    if (!WebAssembly.validate(bytes)) throw new Error(`${name} compiles to a module V8 rejects`);
    return bytes;
  } finally {
    mod.destroy();
  }
}
