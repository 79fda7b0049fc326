/** Output members the EC2 API always fills in are optional in the SDK's types; this checks one. */
export function requireResultField<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`EC2 returned a response without ${field}`);
  return value;
}
