/** Where the batch kernel's WebAssembly source and binary live, and how the one becomes the other. */
import { fileURLToPath } from "node:url";

export const KERNEL_WAT = fileURLToPath(new URL("./batch-kernel.wat", import.meta.url));
export const KERNEL_WASM = fileURLToPath(new URL("./batch-kernel.wasm", import.meta.url));

/** wat2wasm with the threads feature (the kernel imports a shared memory); a development tool only. */
export async function compileKernelWat(source: string): Promise<Uint8Array> {
  const { default: init } = await import("wabt");
  const wabt = await init();
  const mod = wabt.parseWat("batch-kernel.wat", source, { threads: true });
  try {
    const bytes = new Uint8Array(mod.toBinary({}).buffer);
    // Validated by the engine that runs it (wabt.js's validate ignores the threads feature).
    if (!WebAssembly.validate(bytes)) throw new Error("batch-kernel.wat compiles to a module V8 rejects");
    return bytes;
  } finally {
    mod.destroy();
  }
}
