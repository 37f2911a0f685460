/** A trivial workflow whose round trip proves a worker is polling the task queue. */
export async function pingWorkflow(message: string): Promise<string> {
  return Promise.resolve(`pong: ${message}`);
}
