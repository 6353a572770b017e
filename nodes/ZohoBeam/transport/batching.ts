/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/**
 * Runs `task` over every entry with at most `concurrency` in flight, and returns the results
 * in input order (never completion order), so output items stay aligned with input items.
 */
export async function mapWithConcurrency<T, R>(
	entries: readonly T[],
	concurrency: number,
	task: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(entries.length);
	let next = 0;
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await task(entries[index], index);
		}
	});
	await Promise.all(workers);
	return results;
}
