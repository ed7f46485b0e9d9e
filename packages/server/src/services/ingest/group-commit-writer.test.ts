import { describe, expect, it } from 'vitest';
import { GroupCommitWriter } from './group-commit-writer.js';
import { IngestError } from './ingest-error.js';

function deferred() {
  let resolve = () => {};
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('GroupCommitWriter', () => {
  it('writes requests that arrive during a commit together in the next one', async () => {
    const commits: number[][] = [];
    const first = deferred();
    let calls = 0;
    const writer = new GroupCommitWriter<number[]>(
      async (items) => {
        commits.push(items.flat());
        if (calls++ === 0) await first.promise;
      },
      (item) => item.length,
    );
    const a = writer.submit([1]);
    await Promise.resolve();
    await Promise.resolve();
    const rest = [writer.submit([2]), writer.submit([3, 4]), writer.submit([5])];
    first.resolve();
    await Promise.all([a, ...rest]);
    expect(commits).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('with collectTurns, waits event-loop turns for submissions still arriving', async () => {
    const run = async (collectTurns: number): Promise<number[][]> => {
      const commits: number[][] = [];
      const writer = new GroupCommitWriter<number[]>(
        async (items) => {
          commits.push(items.flat());
        },
        (item) => item.length,
        { collectTurns },
      );
      const first = writer.submit([1]);
      // Arrives on a later turn of the event loop, as a request parsed after I/O would.
      const later = new Promise<void>((resolve, reject) =>
        setImmediate(() => void writer.submit([2]).then(resolve, reject)),
      );
      await Promise.all([first, later]);
      return commits;
    };
    expect(await run(4)).toEqual([[1, 2]]);
    expect(await run(0)).toEqual([[1], [2]]);
  });

  it('resolves a submission only after its commit finished', async () => {
    const gate = deferred();
    let committed = false;
    const writer = new GroupCommitWriter<number>(
      async () => {
        await gate.promise;
        committed = true;
      },
      () => 1,
    );
    let settled = false;
    const done = writer.submit(1).then(() => {
      settled = true;
      expect(committed).toBe(true);
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    gate.resolve();
    await done;
    expect(settled).toBe(true);
  });

  it('refuses submissions beyond maxPendingSpans at once, and accepts again after the commit', async () => {
    const gate = deferred();
    const writer = new GroupCommitWriter<number[]>(
      () => gate.promise,
      (i) => i.length,
      {
        maxPendingSpans: 5,
      },
    );
    const a = writer.submit([1, 2, 3]);
    const b = writer.submit([4, 5]);
    await expect(writer.submit([6])).rejects.toMatchObject({ code: 'queue_full' });
    expect(writer.pendingSpans).toBe(5);
    gate.resolve();
    await Promise.all([a, b]);
    expect(writer.pendingSpans).toBe(0);
    await expect(writer.submit([6])).resolves.toBeUndefined();
  });

  it('refuses submissions beyond maxPendingBytes, whatever their span count', async () => {
    const gate = deferred();
    const writer = new GroupCommitWriter<number[]>(
      () => gate.promise,
      (i) => i.length,
      { maxPendingBytes: 1000 },
    );
    const a = writer.submit([1], 900);
    await expect(writer.submit([2], 200)).rejects.toThrow(/900 bytes pending, limit 1000/);
    const b = writer.submit([3], 100);
    gate.resolve();
    await Promise.all([a, b]);
    await expect(writer.submit([4], 1000)).resolves.toBeUndefined();
  });

  it('admits one oversized submission into an empty queue', async () => {
    const writer = new GroupCommitWriter<number[]>(
      async () => {},
      (i) => i.length,
      {
        maxPendingSpans: 2,
      },
    );
    await expect(writer.submit([1, 2, 3])).resolves.toBeUndefined();
  });

  it('fails every submission of a failed commit with a retryable error, and goes on', async () => {
    let fail = true;
    const written: number[] = [];
    const gate = deferred();
    const writer = new GroupCommitWriter<number>(
      async (items) => {
        await gate.promise;
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        written.push(...items);
      },
      () => 1,
    );
    const a = writer.submit(1);
    const b = writer.submit(2);
    gate.resolve();
    const results = await Promise.allSettled([a, b]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as IngestError;
      expect(reason).toBeInstanceOf(IngestError);
      expect(reason.code).toBe('commit_failed');
      expect(reason.message).toMatch(/disk full/);
    }
    await writer.submit(3);
    expect(written).toEqual([3]);
  });

  it('caps a batch at maxBatchSpans without splitting a submission', async () => {
    const commits: number[][] = [];
    const gate = deferred();
    const writer = new GroupCommitWriter<number[]>(
      async (items) => {
        await gate.promise;
        commits.push(items.flat());
      },
      (i) => i.length,
      { maxBatchSpans: 3 },
    );
    const all = [
      writer.submit([1, 2]),
      writer.submit([3]),
      writer.submit([4, 5]),
      writer.submit([6]),
    ];
    gate.resolve();
    await Promise.all(all);
    expect(commits).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('finishes queued work on close and refuses new submissions', async () => {
    const written: number[] = [];
    const writer = new GroupCommitWriter<number>(
      async (items) => void written.push(...items),
      () => 1,
    );
    const a = writer.submit(1);
    await writer.close();
    await a;
    expect(written).toEqual([1]);
    await expect(writer.submit(2)).rejects.toMatchObject({ code: 'closed' });
  });

  it('runs a turn between commits: no commit overlaps it, and what arrives meanwhile joins the next', async () => {
    const log: string[] = [];
    const first = deferred();
    const turnGate = deferred();
    let calls = 0;
    const writer = new GroupCommitWriter<number[]>(
      async (items) => {
        log.push(`commit ${items.flat().join(',')} start`);
        if (calls++ === 0) await first.promise;
        log.push(`commit ${items.flat().join(',')} end`);
      },
      (item) => item.length,
    );
    const a = writer.submit([1]);
    await Promise.resolve();
    await Promise.resolve();
    const turn = writer.betweenCommits(async () => {
      log.push('turn start');
      await turnGate.promise;
      log.push('turn end');
      return 'swept';
    });
    const b = writer.submit([2]);
    first.resolve();
    await a;
    await new Promise((resolve) => setImmediate(resolve));
    const c = writer.submit([3]);
    expect(log).toEqual(['commit 1 start', 'commit 1 end', 'turn start']);
    turnGate.resolve();
    expect(await turn).toBe('swept');
    await Promise.all([b, c]);
    expect(log).toEqual([
      'commit 1 start',
      'commit 1 end',
      'turn start',
      'turn end',
      'commit 2,3 start',
      'commit 2,3 end',
    ]);
  });

  it('runs a turn at once when idle, passes its failure back and goes on committing', async () => {
    const written: number[] = [];
    const writer = new GroupCommitWriter<number>(
      async (items) => void written.push(...items),
      () => 1,
    );
    await expect(writer.betweenCommits(async () => 7)).resolves.toBe(7);
    await expect(
      writer.betweenCommits(async () => {
        throw new Error('database is locked');
      }),
    ).rejects.toThrow('database is locked');
    await writer.submit(1);
    expect(written).toEqual([1]);
    await writer.close();
    await expect(writer.betweenCommits(async () => 1)).rejects.toMatchObject({ code: 'closed' });
  });
});
