/** Whether any of the texts contains the editor's search filter (case-insensitive). */
export function matchesFilter(
	filter: string | undefined,
	...texts: Array<string | undefined>
): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => text?.toLowerCase().includes(needle));
}
