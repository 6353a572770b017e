/**
 * The one table of Zoho data centers. The credential builds its OAuth URLs from it, the
 * transport picks API bases from it and the link builder picks web hosts from it, so a new
 * data center is a one-line change here.
 */
export type DataCenterKey = 'com' | 'eu' | 'in' | 'com.au' | 'jp' | 'ca' | 'com.cn' | 'sa' | 'uk';

export type DataCenterSetting = DataCenterKey | 'custom';

export interface DataCenter {
	label: string;
	/** Zoho Accounts server: OAuth authorize and token endpoints live below it. */
	accountsUrl: string;
	/** Default CRM API domain, used when the token carries no usable `api_domain`. */
	crmApiUrl: string;
	/** CRM web UI, for deep links. */
	crmWebUrl: string;
	/** Desk API root (Desk is never reached through `api_domain`). */
	deskApiUrl: string;
	/** Desk web UI, for deep links. */
	deskWebUrl: string;
}

export const DATA_CENTERS: Record<DataCenterKey, DataCenter> = {
	com: {
		label: 'United States (zoho.com)',
		accountsUrl: 'https://accounts.zoho.com',
		crmApiUrl: 'https://www.zohoapis.com',
		crmWebUrl: 'https://crm.zoho.com',
		deskApiUrl: 'https://desk.zoho.com/api/v1',
		deskWebUrl: 'https://desk.zoho.com',
	},
	eu: {
		label: 'Europe (zoho.eu)',
		accountsUrl: 'https://accounts.zoho.eu',
		crmApiUrl: 'https://www.zohoapis.eu',
		crmWebUrl: 'https://crm.zoho.eu',
		deskApiUrl: 'https://desk.zoho.eu/api/v1',
		deskWebUrl: 'https://desk.zoho.eu',
	},
	in: {
		label: 'India (zoho.in)',
		accountsUrl: 'https://accounts.zoho.in',
		crmApiUrl: 'https://www.zohoapis.in',
		crmWebUrl: 'https://crm.zoho.in',
		deskApiUrl: 'https://desk.zoho.in/api/v1',
		deskWebUrl: 'https://desk.zoho.in',
	},
	'com.au': {
		label: 'Australia (zoho.com.au)',
		accountsUrl: 'https://accounts.zoho.com.au',
		crmApiUrl: 'https://www.zohoapis.com.au',
		crmWebUrl: 'https://crm.zoho.com.au',
		deskApiUrl: 'https://desk.zoho.com.au/api/v1',
		deskWebUrl: 'https://desk.zoho.com.au',
	},
	jp: {
		label: 'Japan (zoho.jp)',
		accountsUrl: 'https://accounts.zoho.jp',
		crmApiUrl: 'https://www.zohoapis.jp',
		crmWebUrl: 'https://crm.zoho.jp',
		deskApiUrl: 'https://desk.zoho.jp/api/v1',
		deskWebUrl: 'https://desk.zoho.jp',
	},
	ca: {
		// Canada's accounts and web hosts are on zohocloud.ca, but its API domain is zohoapis.ca.
		label: 'Canada (zohocloud.ca)',
		accountsUrl: 'https://accounts.zohocloud.ca',
		crmApiUrl: 'https://www.zohoapis.ca',
		crmWebUrl: 'https://crm.zohocloud.ca',
		deskApiUrl: 'https://desk.zohocloud.ca/api/v1',
		deskWebUrl: 'https://desk.zohocloud.ca',
	},
	'com.cn': {
		label: 'China (zoho.com.cn)',
		accountsUrl: 'https://accounts.zoho.com.cn',
		crmApiUrl: 'https://www.zohoapis.com.cn',
		crmWebUrl: 'https://crm.zoho.com.cn',
		deskApiUrl: 'https://desk.zoho.com.cn/api/v1',
		deskWebUrl: 'https://desk.zoho.com.cn',
	},
	sa: {
		label: 'Saudi Arabia (zoho.sa)',
		accountsUrl: 'https://accounts.zoho.sa',
		crmApiUrl: 'https://www.zohoapis.sa',
		crmWebUrl: 'https://crm.zoho.sa',
		deskApiUrl: 'https://desk.zoho.sa/api/v1',
		deskWebUrl: 'https://desk.zoho.sa',
	},
	uk: {
		label: 'United Kingdom (zoho.uk)',
		accountsUrl: 'https://accounts.zoho.uk',
		crmApiUrl: 'https://www.zohoapis.uk',
		crmWebUrl: 'https://crm.zoho.uk',
		deskApiUrl: 'https://desk.zoho.uk/api/v1',
		deskWebUrl: 'https://desk.zoho.uk',
	},
};

export const DATA_CENTER_KEYS = Object.keys(DATA_CENTERS) as DataCenterKey[];

export function isKnownDataCenter(value: unknown): value is DataCenterKey {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_CENTERS, value);
}

/** Strips trailing slashes so `base + '/path'` never doubles them. */
export function trimUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/**
 * An n8n expression (evaluated with `$self` = the credential's own data) that yields the
 * accounts server of the chosen data center followed by `path`. n8n resolves hidden credential
 * fields this way, so the table stays the single source of the OAuth URLs.
 */
export function accountsUrlExpression(path: string): string {
	const map = JSON.stringify(
		Object.fromEntries(DATA_CENTER_KEYS.map((key) => [key, DATA_CENTERS[key].accountsUrl])),
	);
	return `={{ (${map}[$self["dataCenter"]] || String($self["customAccountsUrl"] || "").trim().replace(/\\/+$/, "")) + "${path}" }}`;
}

/**
 * The hosts whose `api_domain` we accept for a data center: `https://www.zohoapis.<tld>` and
 * Zoho's sandbox / developer environments of the same data center. Anything else in a stored
 * token is ignored so the token is never sent to a host outside the chosen data center.
 */
/**
 * The CRM API origins Zoho may name as a token's `api_domain` in a data center: production,
 * sandbox and developer editions (https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html).
 * The one allow-list: the transport and the credential test both check against it.
 */
export function crmApiOrigins(dataCenter: DataCenterKey): string[] {
	const apex = new URL(DATA_CENTERS[dataCenter].crmApiUrl).hostname.replace(/^www\./, ''); // zohoapis.<tld>
	return ['www', 'sandbox', 'developer'].map((prefix) => `https://${prefix}.${apex}`);
}

export function isAllowedCrmApiDomain(dataCenter: DataCenterKey, apiDomain: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(apiDomain);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port)
		return false;
	if (parsed.pathname !== '/' && parsed.pathname !== '') return false;
	return crmApiOrigins(dataCenter).includes(`https://${parsed.hostname}`);
}
