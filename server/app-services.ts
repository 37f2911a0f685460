/**
 * The long-lived dependencies of a server process (database pool, Temporal client, config),
 * created once and handed to tRPC contexts and activities.
 */
import type { Client } from "@temporalio/client";
import type { AppConfig } from "./config/config";
import { createDb, type Db } from "../db/pool";
import { createTrendCache, uncachedTrends, type TrendCache } from "./hdqm/trend-cache";
import { createTemporalClient } from "../workflows/client";
import { temporalSecurity } from "../workflows/temporal-connection";

export interface AppServices {
  readonly config: AppConfig;
  readonly db: Db;
  /** Trend API answers, kept until the data under them changes. */
  readonly trendCache: TrendCache;
  /** Connects on first use and again after a failed attempt, so a late Temporal is picked up. */
  temporal(): Promise<Client>;
  close(): Promise<void>;
}

export function createAppServices(config: AppConfig): AppServices {
  const db = createDb(config.DATABASE_URL);
  const trendCache =
    config.TREND_CACHE === "off"
      ? uncachedTrends()
      : createTrendCache(config.DATABASE_URL, { onError: (err) => console.warn(`trend cache: listening connection lost (${err.message}); not caching until it is back`) });
  let client: Promise<Client> | undefined;
  return {
    config,
    db,
    trendCache,
    temporal() {
      // Inside the promise: an unreadable certificate file is a failed connection, seen by health.
      client ??= Promise.resolve()
        .then(() => createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, temporalSecurity(config)))
        .catch((err: unknown) => {
          client = undefined;
          throw err;
        });
      return client;
    },
    async close() {
      await trendCache.close();
      await db.destroy();
      if (client) await (await client.catch(() => undefined))?.connection.close();
    },
  };
}
