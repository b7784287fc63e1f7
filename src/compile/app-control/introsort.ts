/**
 * A faithful port of .NET's `ArraySortHelper<T>.IntrospectiveSort` (what `List<T>.Sort` runs), which
 * is *unstable*: Microsoft's compiler sorts file rules with it, so rules with equal keys come out in
 * the order this algorithm leaves them, not in document order (format.md §3, "Ties"). Partitions of
 * 16 or fewer elements use insertion sort; larger ones median-of-three quicksort; heapsort past the
 * depth limit.
 */

const INTROSORT_SIZE_THRESHOLD = 16;

function floorLog2(n: number): number {
  let r = 0;
  while (n > 1) {
    n >>= 1;
    r++;
  }
  return r;
}

/**
 * Sorts `items` in place exactly as .NET Framework's `List<T>.Sort(Comparison<T>)` does.
 * `capacity` is the length of the list's backing array, which .NET Framework uses for the depth
 * limit (`2·⌊log2 capacity⌋`); it only matters if the heapsort fallback is reached.
 */
export function dotnetIntrospectiveSort<T>(items: T[], compare: (a: T, b: T) => number, capacity = items.length): T[] {
  if (items.length < 2) return items;
  const keys = items;
  const swap = (i: number, j: number): void => {
    const t = keys[i] as T;
    keys[i] = keys[j] as T;
    keys[j] = t;
  };
  const swapIfGreater = (a: number, b: number): void => {
    if (a !== b && compare(keys[a] as T, keys[b] as T) > 0) swap(a, b);
  };
  const insertionSort = (lo: number, hi: number): void => {
    for (let i = lo; i < hi; i++) {
      let j = i;
      const t = keys[i + 1] as T;
      while (j >= lo && compare(t, keys[j] as T) < 0) {
        keys[j + 1] = keys[j] as T;
        j--;
      }
      keys[j + 1] = t;
    }
  };
  const downHeap = (i: number, n: number, lo: number): void => {
    const d = keys[lo + i - 1] as T;
    while (i <= n >> 1) {
      let child = 2 * i;
      if (child < n && compare(keys[lo + child - 1] as T, keys[lo + child] as T) < 0) child++;
      if (!(compare(d, keys[lo + child - 1] as T) < 0)) break;
      keys[lo + i - 1] = keys[lo + child - 1] as T;
      i = child;
    }
    keys[lo + i - 1] = d;
  };
  const heapsort = (lo: number, hi: number): void => {
    const n = hi - lo + 1;
    for (let i = n >> 1; i >= 1; i--) downHeap(i, n, lo);
    for (let i = n; i > 1; i--) {
      swap(lo, lo + i - 1);
      downHeap(1, i - 1, lo);
    }
  };
  const pickPivotAndPartition = (lo: number, hi: number): number => {
    const middle = lo + ((hi - lo) >> 1);
    swapIfGreater(lo, middle);
    swapIfGreater(lo, hi);
    swapIfGreater(middle, hi);
    const pivot = keys[middle] as T;
    swap(middle, hi - 1);
    let left = lo;
    let right = hi - 1;
    while (left < right) {
      while (compare(keys[++left] as T, pivot) < 0);
      while (compare(pivot, keys[--right] as T) < 0);
      if (left >= right) break;
      swap(left, right);
    }
    swap(left, hi - 1);
    return left;
  };
  const introSort = (lo: number, hi: number, depthLimit: number): void => {
    while (hi > lo) {
      const size = hi - lo + 1;
      if (size <= INTROSORT_SIZE_THRESHOLD) {
        if (size === 1) return;
        if (size === 2) {
          swapIfGreater(lo, hi);
          return;
        }
        if (size === 3) {
          swapIfGreater(lo, hi - 1);
          swapIfGreater(lo, hi);
          swapIfGreater(hi - 1, hi);
          return;
        }
        insertionSort(lo, hi);
        return;
      }
      if (depthLimit === 0) {
        heapsort(lo, hi);
        return;
      }
      depthLimit--;
      const p = pickPivotAndPartition(lo, hi);
      introSort(p + 1, hi, depthLimit);
      hi = p - 1;
    }
  };
  introSort(0, keys.length - 1, 2 * floorLog2(Math.max(capacity, keys.length)));
  return keys;
}
