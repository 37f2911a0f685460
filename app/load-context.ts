import type { AppServices } from "../server/app-services";

/** What the HTTP server hands every loader and action. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    services: AppServices;
    remoteAddress: string | undefined;
  }
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
