#!/usr/bin/env node
'use strict';
/**
 * Part of `npm run check`: every YAML file under .github/ parses, and the publish workflow keeps
 * what n8n's verification guidelines ask for (publish from GitHub Actions with provenance, after
 * the same `npm run check` that CI runs). GitHub Actions cannot run here, so this is its guard.
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const root = path.join(__dirname, '..');
const problems = [];

function yamlFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return yamlFiles(full);
		return /\.ya?ml$/.test(entry.name) ? [full] : [];
	});
}

const parsed = new Map();
for (const file of yamlFiles(path.join(root, '.github'))) {
	const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
	const name = path.relative(root, file);
	if (doc.errors.length)
		problems.push(`${name}: ${doc.errors.map((e) => e.message.split('\n')[0]).join('; ')}`);
	else parsed.set(name, doc.toJS());
}

const publishName = path.join('.github', 'workflows', 'publish.yml');
const publish = parsed.get(publishName);
if (!publish) {
	if (!problems.some((p) => p.startsWith(publishName))) problems.push(`${publishName} is missing`);
} else {
	const steps = Object.values(publish.jobs ?? {}).flatMap((job) => job.steps ?? []);
	const runs = steps.map((s) => String(s.run ?? ''));
	const tags = publish.on?.push?.tags ?? [];
	if (!tags.length) problems.push(`${publishName}: must run on pushed version tags (on.push.tags)`);
	if (publish.permissions?.['id-token'] !== 'write')
		problems.push(`${publishName}: needs permissions.id-token: write for npm provenance`);
	const check = runs.findIndex((r) => /\bnpm run check\b/.test(r));
	const release = runs.findIndex((r) => /\bnpm publish\b/.test(r));
	if (release < 0 || !/--provenance\b/.test(runs[release]))
		problems.push(`${publishName}: needs an "npm publish --provenance" step`);
	if (check < 0 || (release >= 0 && check > release))
		problems.push(`${publishName}: must run "npm run check" before publishing`);
}

if (problems.length) {
	for (const p of problems) console.error(`✘ ${p}`);
	process.exit(1);
}
console.log(`YAML ok: ${[...parsed.keys()].join(', ')}`);
