import { randomBytes, timingSafeEqual } from 'crypto';

/**
 * The shared secret of a push subscription: 48 random URL-safe characters (288 bits), within
 * the 50 characters Zoho allows for a notification channel token.
 */
export const SECRET_LENGTH = 48;

export function newSecret(): string {
	return randomBytes(36).toString('base64url');
}

/** Compares a received secret with the stored one in constant time (for equal lengths). */
export function sameSecret(received: unknown, expected: unknown): boolean {
	if (typeof received !== 'string' || typeof expected !== 'string' || expected.length === 0)
		return false;
	const given = Buffer.from(received, 'utf8');
	const wanted = Buffer.from(expected, 'utf8');
	if (given.length !== wanted.length) {
		// Same work as a real comparison, so the answer time does not reveal the length.
		timingSafeEqual(wanted, wanted);
		return false;
	}
	return timingSafeEqual(given, wanted);
}
