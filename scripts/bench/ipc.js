'use strict';
/** Request/answer over a forked child's IPC channel: `call(cmd, ...args)` → Promise. */

const { fork } = require('child_process');

/**
 * @param {string} modulePath
 * @param {{ execArgv?: string[], env?: NodeJS.ProcessEnv, name: string, stdio?: any }} options
 */
function forkWithRpc(modulePath, options) {
	const child = fork(modulePath, [], {
		execArgv: options.execArgv ?? [],
		env: options.env ?? process.env,
		stdio: options.stdio ?? ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let nextId = 1;
	/** @type {Map<number, {resolve: Function, reject: Function, cmd: string}>} */
	const pending = new Map();
	let exited = false;
	child.on('message', (message) => {
		const entry = pending.get(message.id);
		if (!entry) return;
		pending.delete(message.id);
		if (message.error !== undefined)
			entry.reject(new Error(`${options.name} ${entry.cmd}: ${message.error}`));
		else entry.resolve(message.result);
	});
	child.on('exit', (code, signal) => {
		exited = true;
		for (const entry of pending.values())
			entry.reject(new Error(`${options.name} exited (${signal ?? code}) during ${entry.cmd}`));
		pending.clear();
	});
	return {
		child,
		/** @param {string} cmd @param {...any} args */
		call(cmd, ...args) {
			if (exited) return Promise.reject(new Error(`${options.name} is not running`));
			const id = nextId++;
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject, cmd });
				child.send({ id, cmd, args });
			});
		},
		/** Ends the child (by its own pid) if it is still running. */
		kill() {
			if (!exited) child.kill('SIGTERM');
		},
		get exited() {
			return exited;
		},
	};
}

/** The child side: answers `{ id, cmd, args }` messages with the given command table. */
function serveRpc(commands) {
	process.on('message', async (message) => {
		const { id, cmd, args = [] } = message;
		try {
			if (!commands[cmd]) throw new Error(`unknown command ${cmd}`);
			const result = await commands[cmd](...args);
			process.send({ id, result });
		} catch (error) {
			process.send({
				id,
				error: error instanceof Error ? error.stack || error.message : String(error),
			});
		}
	});
	process.on('disconnect', () => process.exit(0));
}

module.exports = { forkWithRpc, serveRpc };
