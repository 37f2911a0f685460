/**
 * Reads a history JSON (as the temporal CLI writes it) into the History object replay takes.
 * The SDK's own `historyFromJSON` fails in this install: @temporalio/common and
 * @temporalio/proto each carry a copy of protobufjs, and its proto-JSON reader checks
 * `instanceof Type` against the other copy. Parsing with the copy @temporalio/proto uses avoids that.
 */
import { createRequire } from "node:module";
import type { History } from "@temporalio/common/lib/proto-utils";

const require = createRequire(import.meta.url);
const protoEntry = require.resolve("@temporalio/proto");
const { fromJson } = createRequire(protoEntry)("protobufjs/ext/protojson") as { fromJson: (type: unknown, json: unknown, opts: object) => History | null };
const proto: unknown = require("@temporalio/proto");
const { patchProtobufRoot } = require("@temporalio/proto/lib/patch-protobuf-root") as { patchProtobufRoot: (p: unknown) => { lookupType(name: string): unknown } };
const historyType = patchProtobufRoot(proto).lookupType("temporal.api.history.v1.History");

export function historyFromCliJson(json: unknown): History {
  const h = fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!h) throw new TypeError("not a workflow history");
  return h;
}
