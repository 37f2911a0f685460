import type { AppServices } from "../app-services";
import type { Identity } from "../auth/identity";

/** Everything a procedure may use. Tests build it directly; HTTP builds it per request. */
export interface Context {
  readonly services: AppServices;
  readonly identity: Identity;
}

export function createContextInner(opts: Context): Context {
  return opts;
}
