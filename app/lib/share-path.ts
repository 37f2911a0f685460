/** Which paths /share turns into short links: views of this app, never its API or links themselves. */
export function shareablePath(raw: unknown): string | { error: string } {
  const path = typeof raw === "string" ? raw : "";
  if (!path.startsWith("/") || path.startsWith("//")) return { error: "a view to share is a path of this app, starting with one /" };
  if (/^\/(api|s|share)(\/|$|\?)/.test(path)) return { error: `'${path.split("?")[0]}' is not a view` };
  return path;
}
