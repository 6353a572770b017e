import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toModuleName } from '../helpers/validation';
import { getCrmFields } from '../transport/metadata';
import { ZohoSession } from '../transport/session';

/** Fields of the selected CRM module, for field pickers (API name as value). */
export async function getModuleFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = await ZohoSession.open(this);
	const module = toModuleName(this.getNode(), 0, this.getNodeParameter('module', undefined, { extractValue: true }));
	const fields = await getCrmFields(session, module);
	return fields
		.map((field) => ({ name: `${field.display_label ?? field.field_label ?? field.api_name} (${field.api_name})`, value: field.api_name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export * from './notificationOptions';
