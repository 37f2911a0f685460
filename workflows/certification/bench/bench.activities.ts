/** The baseline's activity: a round trip through the server and nothing else. */
export function createBenchActivities() {
  return {
    async benchNoop(i: number): Promise<number> {
      return Promise.resolve(i);
    },
  };
}
export type BenchActivities = ReturnType<typeof createBenchActivities>;
