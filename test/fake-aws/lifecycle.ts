import { startFakeAws, type FakeAws, type FakeAwsOptions } from './server';

/** Starts a fake AWS endpoint for the enclosing describe block and closes it afterwards. */
export function useFakeAws(options?: FakeAwsOptions): () => FakeAws {
  let fake: FakeAws | undefined;
  beforeAll(async () => {
    fake = await startFakeAws(options);
  });
  afterAll(async () => {
    await fake?.close();
  });
  return () => {
    if (fake === undefined) throw new Error('the fake AWS endpoint is only available inside tests');
    return fake;
  };
}
