import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ZohoConnection } from './connection';
import { CREDENTIAL_TYPE, credentialSecrets, resolveConnection } from './connection';
import type { Sleeper } from './request';
import { zohoRequest } from './request';
import { DEFAULT_POLICY } from './retry';
import type { RequestPolicy, ZohoFunctions, ZohoRequest, ZohoResponse } from './types';

/**
 * Metadata that rarely changes (CRM org, module list, Desk organizations), kept per credential
 * for a few minutes across executions, so a schedule that runs every minute does not ask Zoho
 * for it every time. Process-local: nothing needs sharing between n8n workers.
 */
const sharedCache = new Map<string, { value: unknown; expiresAt: number }>();
export const METADATA_TTL_MS = 5 * 60 * 1000;

/** Forgets cached metadata (all of it, or the keys starting with `prefix`). */
export function clearMetadataCache(prefix = ''): void {
	for (const key of [...sharedCache.keys()]) if (key.includes(prefix)) sharedCache.delete(key);
}

/** The session of each node execution, so the per-item runner can stop its requests. */
const sessions = new WeakMap<object, ZohoSession>();

/** Stops the requests of the execution `fn` belongs to (see ZohoSession.stop). */
export function stopRequests(fn: object): void {
	sessions.get(fn)?.stop();
}

/** Zoho answered with a client error other than 401: the token was accepted (e.g. 404, 400, 429). */
function answeredWithoutTokenTrouble(error: unknown): boolean {
	const status = Number(error instanceof NodeApiError ? error.httpCode : undefined);
	return status >= 400 && status < 500 && status !== 401;
}

/**
 * Everything one node execution needs to talk to Zoho: the resolved connection, the retry
 * policy, and a memo so metadata (org, modules, fields, Desk organization) is fetched at most
 * once per execution, however many items ask for it.
 */
export class ZohoSession {
	private readonly memo = new Map<string, Promise<unknown>>();

	/**
	 * Start alone: until Zoho has accepted this execution's access token, requests go one at a
	 * time. An expired token is then refreshed by the first request only, and every later request
	 * reads the refreshed token. n8n 1.x has no refresh lock: without this, each request that got
	 * a 401 at the same time would refresh on its own (and Zoho limits refreshes). Costs at most
	 * one round trip before the fan-out. `gate` is the tail of the queue of waiting requests.
	 */
	private tokenAccepted = false;
	private gate: Promise<void> = Promise.resolve();
	/**
	 * The lone request failed before Zoho answered (the token could not be refreshed, or its
	 * endpoint did not answer in time): the requests waiting behind it would fail the same way,
	 * one full wait each, so they fail at once with the same explanation.
	 */
	private tokenFailure?: NodeOperationError;

	/** Set once an item failed without Continue On Fail, or the node returned: nothing more is sent. */
	private stopped = false;
	private readonly inFlight = new Set<Promise<unknown>>();

	/** Where each Desk organization ID in use came from, to explain a mismatch. */
	readonly deskOrgSources = new Map<string, 'node option' | 'credential' | 'discovery'>();

	private constructor(
		readonly fn: ZohoFunctions,
		readonly connection: ZohoConnection,
		readonly policy: RequestPolicy,
		private readonly sleeper?: Sleeper,
		/** The credential's secrets when the run began, scrubbed from errors even after a refresh replaced them. */
		private readonly secrets: readonly string[] = [],
	) {}

	static async open(
		fn: ZohoFunctions,
		overrides: Partial<RequestPolicy> = {},
		sleeper?: Sleeper,
	): Promise<ZohoSession> {
		const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
		const credentialId = fn.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined;
		const connection = resolveConnection(fn.getNode(), credentials, credentialId);
		const session = new ZohoSession(
			fn,
			connection,
			{ ...DEFAULT_POLICY, ...overrides },
			sleeper,
			credentialSecrets(credentials),
		);
		sessions.set(fn, session);
		return session;
	}

	/** Refuses every request not sent yet; requests in flight go on. */
	stop(): void {
		this.stopped = true;
	}

	/** Stops, then waits for the requests in flight: none runs after the node has returned. */
	async close(): Promise<void> {
		this.stop();
		await Promise.allSettled([...this.inFlight]);
	}

	get node() {
		return this.fn.getNode();
	}

	async request<T = IDataObject>(request: ZohoRequest): Promise<ZohoResponse<T>> {
		if (this.tokenAccepted) return await this.send<T>(request);
		const previous = this.gate;
		let release = () => {};
		this.gate = new Promise<void>((resolve) => (release = resolve));
		await previous;
		if (this.tokenFailure) {
			release();
			throw new NodeOperationError(this.node, this.tokenFailure.message, {
				itemIndex: request.itemIndex,
				description: this.tokenFailure.description ?? undefined,
			});
		}
		if (this.tokenAccepted || this.stopped) {
			release();
			return await this.send<T>(request);
		}
		const sent = this.send<T>(request);
		void sent
			.then(
				() => (this.tokenAccepted = true),
				(error: unknown) => {
					this.tokenAccepted = answeredWithoutTokenTrouble(error);
					if (error instanceof NodeOperationError) this.tokenFailure = error;
				},
			)
			.finally(release);
		return await sent;
	}

	private async send<T>(request: ZohoRequest): Promise<ZohoResponse<T>> {
		if (this.stopped) {
			throw new NodeOperationError(
				this.node,
				'Request not sent: the node stopped at an earlier failure',
				{ itemIndex: request.itemIndex },
			);
		}
		const pending = zohoRequest<T>(
			this.fn,
			this.connection,
			this.policy,
			request,
			this.sleeper,
			this.secrets,
		);
		this.inFlight.add(pending);
		try {
			return await pending;
		} catch (error) {
			throw this.explainOrgMismatch(error, request.deskOrgId);
		} finally {
			this.inFlight.delete(pending);
		}
	}

	/** Says which setting the refused Desk organization came from; forgets a discovered one. */
	private explainOrgMismatch(error: unknown, orgId?: string): unknown {
		const code = (error as { errorResponse?: IDataObject }).errorResponse?.code;
		if (!(error instanceof NodeApiError) || code !== 'OAUTH_ORG_MISMATCH' || !orgId) return error;
		const source = this.deskOrgSources.get(orgId);
		const where = {
			'node option': 'the node option "Desk Organization"',
			credential: 'the credential field "Desk Organization ID"',
			discovery: 'automatic discovery',
		};
		if (source)
			error.message = `The Desk organization ${orgId} (from ${where[source]}) does not belong to the connected Zoho account`;
		if (source === 'discovery') clearMetadataCache('|desk:orgs');
		return error;
	}

	/**
	 * Like `once`, and also kept per credential for `ttlMs` across executions. Only successful
	 * loads are kept.
	 */
	async cached<T>(key: string, load: () => Promise<T>, ttlMs = METADATA_TTL_MS): Promise<T> {
		const sharedKey = `${this.connection.cacheKey}|${key}`;
		return await this.once(key, async () => {
			const hit = sharedCache.get(sharedKey);
			if (hit && hit.expiresAt > Date.now()) return hit.value as T;
			const value = await load();
			sharedCache.set(sharedKey, { value, expiresAt: Date.now() + ttlMs });
			return value;
		});
	}

	/** Runs `load` once per key for this execution; concurrent callers share the same promise. */
	async once<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.memo.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.memo.set(key, pending);
			// A failed load may be retried by a later item instead of failing every item forever.
			pending.catch(() => this.memo.delete(key));
		}
		return await pending;
	}
}
