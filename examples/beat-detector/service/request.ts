// Checks a POST /predict body: { "features": [30 finite numbers] }.
import { INPUTS } from '../network';

/** A request the service refuses, with the HTTP status and the reason it gives. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 16 * 1024;

export function parseFeatures(body: string): Float64Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new BadRequest(400, `the body is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BadRequest(400, 'the body must be a JSON object: { "features": [30 numbers] }');
  const features = (parsed as { features?: unknown }).features;
  if (!Array.isArray(features))
    throw new BadRequest(400, `"features" must be an array of ${INPUTS} numbers, got ${features === undefined ? 'nothing' : typeof features}`);
  if (features.length !== INPUTS)
    throw new BadRequest(400, `"features" must hold ${INPUTS} numbers (10 steps × 3 features), got ${features.length}`);
  const bad = features.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new BadRequest(400, `features[${bad}] must be a finite number, got ${JSON.stringify(features[bad])}`);
  return Float64Array.from(features as number[]);
}
