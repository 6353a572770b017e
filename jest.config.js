/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Workflow runs hit a real HTTP emulator; give slow CI machines room.
	testTimeout: 60000,
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/plain-summary-reporter.js'],
};
