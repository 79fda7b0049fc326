// The mailbox command settings are process-wide: suites that change them put
// the SDK's defaults back for the suites after them.
import { ready } from '../../../lib/backend';

export function restoreCommandSettings(): void {
  ready().mgmtSetCmdTimeout(2500);
  ready().mgmtSetCmdDelayMsec(2);
}
