'use strict';
/**
 * Error types and Zoho-shaped error bodies.
 * Handlers throw an {@link ApiError}; the server turns it into the HTTP answer.
 */

class ApiError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {object|null} body JSON body (null → no body)
	 * @param {Record<string, string>} [headers]
	 */
	constructor(status, body, headers = {}) {
		super(
			body && typeof body === 'object'
				? String(body.message ?? body.code ?? body.errorCode ?? status)
				: String(status),
		);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/**
 * CRM error: `{code, details, message, status:'error'}`.
 * @param {number} status @param {string} code @param {string} message @param {object} [details]
 */
function crmError(status, code, message, details = {}) {
	return new ApiError(status, { code, details, message, status: 'error' });
}

/** Per-record CRM error item (inside `data[]`). */
function crmItemError(code, message, details = {}) {
	return { code, details, message, status: 'error' };
}

/**
 * Desk error: `{errorCode, message, errors?}`.
 * @param {number} status @param {string} errorCode @param {string} message
 * @param {{fieldName: string, errorType: 'invalid'|'missing'|'duplicate', errorMessage?: string}[]} [errors]
 */
function deskError(status, errorCode, message, errors) {
	const body = { errorCode, message };
	if (errors && errors.length) body.errors = errors;
	return new ApiError(status, body);
}

/** Desk 422 for a bad query parameter. @param {string} param @param {string} [message] */
function deskParamError(param, message) {
	return deskError(
		422,
		'UNPROCESSABLE_ENTITY',
		message ?? `The value passed for the parameter '${param}' is invalid.`,
		[
			{
				fieldName: param,
				errorType: 'invalid',
				errorMessage: message ?? `Invalid value for '${param}'.`,
			},
		],
	);
}

const CRM = {
	invalidToken: () => crmError(401, 'INVALID_TOKEN', 'invalid oauth token'),
	scopeMismatch: () =>
		crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'),
	invalidUrl: () =>
		crmError(
			404,
			'INVALID_URL_PATTERN',
			'Please check if the URL trying to access is a correct one',
		),
	invalidMethod: () =>
		crmError(405, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'),
	invalidModule: () =>
		crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', {
			resource_path_index: 0,
		}),
	apiNotSupported: () =>
		crmError(400, 'API_NOT_SUPPORTED', 'the module is not supported in API', {
			resource_path_index: 0,
		}),
	requiredParam: (param) =>
		crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', {
			param_name: param,
		}),
	invalidParam: (param, extra = {}, message = 'invalid data') =>
		crmError(400, 'INVALID_DATA', message, { param_name: param, ...extra }),
	limit: (details, message = 'the limit has been exceeded') =>
		crmError(400, 'LIMIT_EXCEEDED', message, details),
	invalidBody: (message = 'body is not a valid JSON') => crmError(400, 'INVALID_DATA', message),
	invalidQuery: (reason, details = {}) =>
		crmError(400, 'INVALID_QUERY', 'invalid query formed', { reason, ...details }),
};

const DESK = {
	invalidOauth: () => deskError(401, 'INVALID_OAUTH', 'The OAuth Token you provided is invalid.'),
	scopeMismatch: () =>
		deskError(
			401,
			'SCOPE_MISMATCH',
			'The OAuth Token does not contain the scope required to perform this operation.',
		),
	notFound: () => deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.'),
	methodNotAllowed: () =>
		deskError(
			405,
			'METHOD_NOT_ALLOWED',
			'The method specified in the request is not allowed for the resource.',
		),
	orgMismatch: () =>
		deskError(403, 'OAUTH_ORG_MISMATCH', 'The OAuth token does not belong to the organization.'),
};

module.exports = { ApiError, crmError, crmItemError, deskError, deskParamError, CRM, DESK };
