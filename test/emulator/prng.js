'use strict';
/**
 * Small seeded pseudo-random number generator (mulberry32) plus helpers.
 * Everything the emulator generates or decides "randomly" goes through this,
 * so a given seed always produces the same data and the same fault sequence.
 */

// Globals are captured once: inside a vm context (jest) every global lookup is slow.
const imul = Math.imul;
const floor = Math.floor;

/** FNV-1a 32-bit hash of a string. @param {string} text @returns {number} */
function hashString(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * @typedef {object} Rng
 * @property {() => number} next float in [0, 1)
 * @property {(min: number, max: number) => number} int integer in [min, max]
 * @property {<T>(items: readonly T[]) => T} pick
 * @property {(probability: number) => boolean} chance
 */

/**
 * @param {number} seed
 * @param {string} [label] mixes a label into the seed so streams are independent
 * @returns {Rng}
 */
function createRng(seed, label = '') {
	let a = (hashString(`${seed}:${label}`) ^ (seed >>> 0)) >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = imul(a ^ (a >>> 15), 1 | a);
		t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + floor(next() * (max - min + 1)),
		pick: (items) => items[floor(next() * items.length)],
		chance: (probability) => next() < probability,
	};
}

module.exports = { createRng, hashString };
