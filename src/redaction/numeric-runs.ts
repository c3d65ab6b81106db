/** Digits joined by single separators: "4111 1111 1111 1111", "+49 (0)30 123", "192.168.0.1". */
export interface NumericRun {
  readonly start: number;
  readonly value: string;
}

// Four digits at least: the shortest thing read from a run is an IPv4 address ("1.1.1.1"). Every
// step consumes a digit, so the pattern cannot backtrack badly.
const RUN = /(?:\+|\(\+?)?\d(?:\d|[ \-./]\(?\d|\)[ \-.]?\d){3,}/g;

/**
 * Every numeric run in `text`. Cards, SSNs, IPv4 addresses, phones and DNI numbers all start
 * inside such a run, so one scan serves them all instead of five.
 */
export function scanNumericRuns(text: string): NumericRun[] {
  const runs: NumericRun[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) runs.push({ start: m.index, value: m[0] });
  return runs;
}
