interface Due {
  at: number;
  id: string;
}

/** A min-heap of (due time, id). Stale entries are left in place and skipped by the caller. */
export class DueQueue {
  private readonly heap: Due[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(at: number, id: string): void {
    const heap = this.heap;
    heap.push({ at, id });
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (heap[parent].at <= heap[child].at) break;
      [heap[parent], heap[child]] = [heap[child], heap[parent]];
      child = parent;
    }
  }

  peek(): Due | undefined {
    return this.heap[0];
  }

  pop(): Due | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
        if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
        if (smallest === parent) break;
        [heap[parent], heap[smallest]] = [heap[smallest], heap[parent]];
        parent = smallest;
      }
    }
    return top;
  }
}
