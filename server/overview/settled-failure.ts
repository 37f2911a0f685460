/**
 * A stage's failed comparisons stop being news once a later step of that stage settles them: a
 * retry that succeeded (or failed again, which is its own, newer failure), a sign-off, the stage's
 * completion. The overview's failed activities and the shift alarms list a `comparison-failed`
 * audit row only while it is its stage's last word. Audit keys are `<workflow id>/<stage>/<step>…`
 * (server/certification/audit.repository.ts); workflow ids contain no slash.
 */
import { sql } from "kysely";

/** Audit kinds that settle an earlier comparison failure of the same workflow and stage. */
const settlingKinds = ["transition", "signoff", "comparison-failed"] as const;

/** True for a `cert_audit` row aliased `a` that is not a comparison failure settled by a later step. */
export const notSettled = sql<boolean>`(a.kind <> 'comparison-failed' or not exists (
  select 1 from cert_audit later
  where later.run_number = a.run_number
    and later.id > a.id
    and later.kind in (${sql.join(settlingKinds.map((k) => sql.lit(k)))})
    and starts_with(later.idempotency_key, split_part(a.idempotency_key, '/', 1) || '/' || split_part(a.idempotency_key, '/', 2) || '/')
))`;
