// Whether the SDK's management session is closed: once the last FpgaMgmt of
// every thread has closed and the last call has left the SDK, a describe
// answers software-problem, as a call before fpga_mgmt_init does.
import { setTimeout as delay } from 'timers/promises';
import { ready } from '../../../lib/backend';

const FPGA_ERR_SOFTWARE_PROBLEM = 24;

/** True once the session is closed; false if it is still open after `ms` (calls may still be finishing). */
export async function sessionClosed(ms = 0): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    const code = await ready().mgmtDescribe(0, 0).then(() => 0, (error: { errno: number }) => error.errno);
    if (code === FPGA_ERR_SOFTWARE_PROBLEM) return true;
    if (performance.now() >= deadline) return false;
    await delay(10);
  }
}
