// One SDK library reached by two names (the path given, and the SDK's soname,
// which the dynamic linker then matches to it) is one backend, with one count
// of its users: a thread closing its last FpgaMgmt must not close the SDK's
// session under another thread still using it.
import { MOCK_LIBRARY } from '../helpers/child';
import { ask, reply, startWorker } from './helpers/workers';

test('threads reaching the SDK library by path and by soname share its session', async () => {
  const byPath = startWorker('mgmt-session', { library: MOCK_LIBRARY });
  const workers = [byPath];
  try {
    expect(await reply(byPath)).toEqual({ backend: 'sdk', library: MOCK_LIBRARY, simulated: true });
    // Started once the library is loaded: only then does the soname lead to it.
    const bySoname = startWorker('mgmt-session');
    workers.push(bySoname);
    expect(await reply(bySoname)).toEqual({ backend: 'sdk', library: MOCK_LIBRARY, simulated: true });
    expect(await ask(bySoname, 'close')).toBe('closed');
    expect(await ask(byPath, 'describe')).toBe('not-programmed');
    expect(await ask(byPath, 'close')).toBe('closed');
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
});
