// Lint exactly as n8n's verification scanner does: the community-nodes `recommended` set
// (cloud variant) plus eslint-plugin-n8n-nodes-base's community / credentials / nodes sets.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

/**
 * Layering of nodes/ZohoBeam: config/ ← transport/ ← helpers/ ← actions/ and methods/. A
 * folder may import from the folders to its left, never from those to its right.
 */
const LAYER_MESSAGE =
	'Layering: config/ ← transport/ ← helpers/ ← actions/, methods/ (see ARCHITECTURE.md).';
const forbidImports = (files, folders) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						group: folders.flatMap((folder) => [`**/${folder}/*`, `./${folder}/*`]),
						message: LAYER_MESSAGE,
					},
				],
			},
		],
	},
});

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'scripts/**',
			'examples/**',
			'*.js',
			'*.mjs',
		],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		rules: { 'no-console': 'error' },
	},
	communityNodes.configs.recommended,
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	forbidImports(['nodes/ZohoBeam/config/**/*.ts'], ['transport', 'helpers', 'actions', 'methods']),
	forbidImports(['nodes/ZohoBeam/transport/**/*.ts'], ['helpers', 'actions', 'methods']),
	forbidImports(['nodes/ZohoBeam/helpers/**/*.ts'], ['actions', 'methods']),
	forbidImports(['nodes/ZohoBeam/methods/**/*.ts'], ['actions']),
];
