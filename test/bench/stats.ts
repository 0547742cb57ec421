// Median, min and max of a set of samples: how every timed figure is reported.

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many samples. */
  n: number;
}

export function summarize(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) {
    return undefined;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}
