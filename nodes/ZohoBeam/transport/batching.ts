/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		chunks.push(list.slice(start, start + size));
	return chunks;
}

/**
 * Runs `task` over every entry with at most `concurrency` in flight, and returns the results
 * in input order (never completion order), so output items stay aligned with input items.
 *
 * - Start alone: the first entry runs on its own; the others fan out once it has settled, so
 *   an expired token is refreshed by one request, not by `concurrency` at once.
 * - Stop on failure: once a task rejects, no further task starts; the tasks in flight are
 *   awaited, then the first error is thrown. No task is left running after this function
 *   has returned or thrown.
 */
export async function mapWithConcurrency<T, R>(
	entries: readonly T[],
	concurrency: number,
	task: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(entries.length);
	let next = 0;
	let failed: { error: unknown } | undefined;
	const run = async (index: number) => {
		try {
			results[index] = await task(entries[index], index);
		} catch (error) {
			failed ??= { error };
		}
	};
	const worker = async () => {
		while (next < entries.length && !failed) await run(next++);
	};
	if (entries.length > 0) await run(next++);
	const fanOut = Math.max(1, Math.min(concurrency, entries.length - next));
	await Promise.all(Array.from({ length: fanOut }, worker));
	if (failed) throw failed.error;
	return results;
}

/** One record's outcome in a batched write: Zoho's per-record answer, or why the batch failed. */
export type RecordOutcome<T> = { result: T } | { error: unknown };

/**
 * Sends `entries` in chunks of `batchSize` with at most `concurrency` chunks in flight and
 * returns one outcome per entry, in input order. `send` returns the per-record results of a
 * chunk (same length and order as the chunk). When a whole chunk fails, each of its entries
 * gets that error; other chunks are unaffected. With `stopOnError`, no new chunk starts once
 * an error is known (chunks already in flight finish), and entries never sent get the error.
 */
export async function writeInBatches<E, T>(args: {
	entries: readonly E[];
	batchSize: number;
	concurrency: number;
	send: (chunk: E[]) => Promise<T[]>;
	isFailure: (result: T) => boolean;
	stopOnError: boolean;
}): Promise<Array<RecordOutcome<T>>> {
	const chunks = chunk(args.entries, args.batchSize);
	let firstError: unknown;
	const perChunk = await mapWithConcurrency(
		chunks,
		args.concurrency,
		async (entries): Promise<Array<RecordOutcome<T>>> => {
			if (args.stopOnError && firstError !== undefined)
				return entries.map(() => ({ error: firstError }));
			try {
				const results = await args.send(entries);
				if (results.some(args.isFailure) && firstError === undefined)
					firstError = results.find(args.isFailure);
				return results.map((result) => ({ result }));
			} catch (error) {
				if (firstError === undefined) firstError = error;
				return entries.map(() => ({ error }));
			}
		},
	);
	return perChunk.flat();
}
