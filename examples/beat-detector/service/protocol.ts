// The messages between the service's main thread and its slot workers.

export interface WorkerConfig {
  slot: number;
  agfi: string;
  /** The backend of the main thread, for the worker's own configure(). */
  backend: 'sdk' | 'mock';
  sdkLibrary?: string;
  /** On the simulated device: declare the CL model and load the slot (when main says it is this worker's turn). */
  simulate?: { latencyCycles?: number };
  /** predict()'s wait for ap_done, ms. */
  timeoutMs?: number;
}

/** main → worker */
export type ToWorker =
  | { type: 'go' }
  /** A batch: request ids[i]'s 30 features are features[30 * i, 30 * i + 30). */
  | { type: 'predict'; ids: number[]; features: Float64Array }
  | { type: 'stop' };

export interface ErrorReport {
  name: string;
  message: string;
  code?: string;
}

/** worker → main */
export type FromWorker =
  | { type: 'turn' }
  | { type: 'loaded' }
  | { type: 'ready' }
  | { type: 'skip'; reason: string }
  | { type: 'failed'; error: ErrorReport }
  /** The batch's probabilities, in order, and the time predict() took for all of them. */
  | { type: 'results'; ids: number[]; probabilities: Float64Array; deviceUs: number }
  /** The device failed at request ids[0]; none of ids was answered. */
  | { type: 'error'; ids: number[]; error: ErrorReport };

export function report(error: unknown): ErrorReport {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
