'use strict';
/**
 * Prints one plain closing line, `tests: N passed, N failed` (plus skipped), after jest's own
 * summary, so any CI that reads closing lines sees how many tests ran.
 */
class PlainSummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
		// Jest's own summary is printed after the reporters run; print ours last, on exit.
		process.once('exit', () => process.stderr.write(`${line}\n`));
	}
}

module.exports = PlainSummaryReporter;
