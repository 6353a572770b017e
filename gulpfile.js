const path = require('path');
const { task, src, dest, parallel } = require('gulp');

/**
 * tsc compiles the TypeScript; n8n also needs the node and credential icons next to the JS, and
 * the output schemas (`__schema__/v<version>/<resource>/<operation>.json`), which n8n serves to
 * the editor from beside the node file so fields can be mapped before a step has run.
 */
function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

function copySchemas() {
	return src(path.resolve('nodes', '**', '__schema__', '**', '*.json')).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons, copySchemas));
