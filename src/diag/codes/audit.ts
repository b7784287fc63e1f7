/**
 * Diagnostic codes of the audit (HF6xxx): reading a tenant snapshot and evidence files, and the audit
 * command's own problems. Findings about the tenant are not diagnostics (they are audit results).
 * Codes are stable: never renumber; retire a code by leaving it here with "(retired)".
 */
import type { CodeInfo } from "../codes.ts";

export const auditCodes: Record<string, CodeInfo> = {
  // Snapshot
  HF6001: { title: "snapshot is not valid JSON" },
  HF6002: { title: "snapshot does not match the snapshot schema" },
  HF6003: { title: "snapshot format version not supported" },
  HF6004: { title: "snapshot cannot be read" },
  // Evidence files
  HF6010: { title: "evidence file is not valid JSON" },
  HF6011: { title: "evidence file does not match what its command prints" },
  HF6012: { title: "evidence file of an unknown kind" },
  HF6013: { title: "two evidence files of the same kind" },
  HF6014: { title: "evidence file or folder cannot be read" },
  // Reading the tenant (live snapshot)
  HF6030: { title: "a Graph read of the snapshot failed" },
  HF6031: { title: "the MDM user scope needs a signed-in administrator; left out of the snapshot" },
  HF6032: { title: "snapshot cannot be written" },
  // The audit command
  HF6020: { title: "audit report cannot be written" },
  HF6021: { title: "blueprint has errors; the audit needs a valid blueprint" },
};
