/** One bound of a row's target: a figure the row measures, its unit, and the most or least it may be. */
export interface Limit {
  /** The key of the figure in the row's `figures`, also the word shown when it misses. */
  figure: string;
  unit: string;
  atMost?: number;
  atLeast?: number;
}

/** How a row's figures stand against its target. */
export interface TargetResult {
  met: boolean;
  /** One phrase per bound missed, e.g. `build 4.80 s > 3 s`, or a figure the run did not produce. */
  misses: string[];
}

/** Compares the figures a row measured with each bound of its target; a bound whose figure is missing or not a number is missed. */
export function compareWithTarget(limits: readonly Limit[], figures: Readonly<Record<string, number>>): TargetResult {
  const misses: string[] = [];
  for (const limit of limits) {
    const value = figures[limit.figure];
    if (value === undefined || !Number.isFinite(value)) {
      misses.push(`${limit.figure} not measured`);
      continue;
    }
    const shown = `${limit.figure} ${formatFigure(value)} ${limit.unit}`;
    if (limit.atMost !== undefined && value > limit.atMost) misses.push(`${shown} > ${limit.atMost} ${limit.unit}`);
    if (limit.atLeast !== undefined && value < limit.atLeast) misses.push(`${shown} < ${limit.atLeast} ${limit.unit}`);
  }
  return { met: misses.length === 0, misses };
}

// Two decimals are what the rows print; a whole number stays whole.
function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
