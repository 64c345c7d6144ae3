// The audit actions moved to src/shared/audit-actions.ts (the directory records them and sits below
// audit). This re-export keeps src/federation/ and src/redemption/, reworked on another branch,
// compiling until they import from shared; then delete this file.
export { AuditAction } from '../shared/audit-actions.js';
