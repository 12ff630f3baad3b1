/** One step of an alignment: an item kept from both sequences, removed from the first, or added. */
export type AlignmentStep =
  | { type: "equal"; left: number; right: number }
  | { type: "remove"; left: number }
  | { type: "add"; right: number };

/** The alignment of two sequences, and whether it had to give up on the longest common subsequence. */
export interface AlignmentResult {
  steps: AlignmentStep[];
  approximate: boolean;
}

/**
 * Past this many cells (middle lengths multiplied) the table would cost too much memory and time: about
 * 2,000 by 2,000 lines, far more than a model's answer.
 */
const MAX_CELLS = 4_000_000;

/**
 * Aligns two sequences along a longest common subsequence: the common start and end are trimmed, the
 * middle is solved by the classic dynamic-programming table. Within a change, removals come before
 * additions, as in a unified diff.
 */
export function alignSequences<T>(
  left: readonly T[],
  right: readonly T[],
  equals: (a: T, b: T) => boolean,
): AlignmentResult {
  let start = 0;
  while (start < left.length && start < right.length && equals(left[start]!, right[start]!)) start++;
  let leftEnd = left.length;
  let rightEnd = right.length;
  while (leftEnd > start && rightEnd > start && equals(left[leftEnd - 1]!, right[rightEnd - 1]!)) {
    leftEnd--;
    rightEnd--;
  }
  const steps: AlignmentStep[] = [];
  for (let index = 0; index < start; index++) steps.push({ type: "equal", left: index, right: index });
  const rows = leftEnd - start;
  const columns = rightEnd - start;
  const approximate = rows * columns > MAX_CELLS;
  if (approximate) {
    for (let index = start; index < leftEnd; index++) steps.push({ type: "remove", left: index });
    for (let index = start; index < rightEnd; index++) steps.push({ type: "add", right: index });
  } else if (rows > 0 || columns > 0) {
    steps.push(...alignMiddle(left, right, start, rows, columns, equals));
  }
  for (let offset = 0; leftEnd + offset < left.length; offset++) {
    steps.push({ type: "equal", left: leftEnd + offset, right: rightEnd + offset });
  }
  return { steps, approximate };
}

function alignMiddle<T>(
  left: readonly T[],
  right: readonly T[],
  start: number,
  rows: number,
  columns: number,
  equals: (a: T, b: T) => boolean,
): AlignmentStep[] {
  // suffix[i][j]: the LCS length of left[start+i..] and right[start+j..], so the walk can go forwards.
  const width = columns + 1;
  const suffix = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      suffix[i * width + j] = equals(left[start + i]!, right[start + j]!)
        ? suffix[(i + 1) * width + j + 1]! + 1
        : Math.max(suffix[(i + 1) * width + j]!, suffix[i * width + j + 1]!);
    }
  }
  const steps: AlignmentStep[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && equals(left[start + i]!, right[start + j]!)) {
      steps.push({ type: "equal", left: start + i, right: start + j });
      i++;
      j++;
    } else if (j >= columns || (i < rows && suffix[(i + 1) * width + j]! >= suffix[i * width + j + 1]!)) {
      steps.push({ type: "remove", left: start + i });
      i++;
    } else {
      steps.push({ type: "add", right: start + j });
      j++;
    }
  }
  return steps;
}
