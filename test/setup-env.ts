// The suite runs on the simulated device unless a test process says otherwise.
process.env.AWS_FPGA_BACKEND ??= 'mock';

// Node 20 has Symbol.dispose and Symbol.asyncDispose, but jest 29 runs tests in
// a fresh realm whose Symbol lacks them; `using` and the library's disposers
// must agree on one symbol inside that realm.
for (const name of ['dispose', 'asyncDispose'] as const)
  if (Symbol[name] === undefined) Object.defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`) });
