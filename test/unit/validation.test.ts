import type { INode } from 'n8n-workflow';

import { parseJsonObject } from '../../nodes/ZohoBeam/helpers/validation';

const node = {
	id: '1',
	name: 'Zoho',
	type: 'n8n-nodes-zoho-beam.zohoBeam',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const parse = (text: string) => parseJsonObject(node, 3, text, 'fieldsJson');

describe('parseJsonObject: integers beyond 2^53', () => {
	it.each([
		['{"Owner":{"id":5725767000000411001}}', 'Owner.id', '5725767000000411001'],
		['{"a": 1, "Tags": [1, 2, 9007199254740993]}', 'Tags[2]', '9007199254740993'],
		[
			'{"x": "5725767000000411001", "list": [{"y": 1}, {"z": -9007199254740993}]}',
			'list[1].z',
			'-9007199254740993',
		],
		[
			'{"with \\"quote\\" and ] brace }": {"id": 12345678901234567890}}',
			'with "quote" and ] brace }.id',
			'12345678901234567890',
		],
	])('refuses %s, naming %s', (text, path, literal) => {
		expect(() => parse(text)).toThrow(
			`"fieldsJson" has the number ${literal} at ${path}, which is too large to be kept exactly`,
		);
	});

	it('names the item and asks for a quoted string', () => {
		try {
			parse('{"Owner":{"id":5725767000000411001}}');
			throw new Error('not refused');
		} catch (error) {
			expect((error as { context: { itemIndex: number } }).context.itemIndex).toBe(3);
			expect((error as { description: string }).description).toMatch(
				/quotes, like "id": "5725767000000411001"/,
			);
		}
	});

	it.each([
		'{"Owner":{"id":"5725767000000411001"}}',
		'{"n": 9007199254740991, "m": -9007199254740991}',
		'{"Amount": 12345678901234567890.5, "e": 1e30, "s": "9007199254740993 in text"}',
	])('accepts %s', (text) => {
		expect(() => parse(text)).not.toThrow();
	});

	it('keeps quoted IDs digit for digit', () => {
		expect(parse('{"Owner":{"id":"5725767000000411001"}}')).toEqual({
			Owner: { id: '5725767000000411001' },
		});
	});
});
