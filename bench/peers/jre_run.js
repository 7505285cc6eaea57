'use strict';
// Evaluate JSON Lines profiles with json-rules-engine, for the peer comparison: one Engine built
// once from the rules of sa_peer_translate --jre, reused for every profile.
//
// usage: node jre_run.js RULES.json PROFILES.jsonl|-
//
// Output: one line per profile, {"id":ID,"recs":[...]} with the ids sorted, the shape the other
// runners print. A derived fact is a rule of higher priority whose success sets the fact to true
// in the run's almanac (every derived fact starts false); a category counts only with its
// report, as in socadvise.
const fs = require('fs');
const readline = require('readline');
const { Engine } = require('json-rules-engine');

const [rulesFile, profilesFile] = process.argv.slice(2);
if (!rulesFile || !profilesFile) {
	process.stderr.write('usage: node jre_run.js RULES.json PROFILES.jsonl|-\n');
	process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
const engine = new Engine([], { allowUndefinedFacts: false });
const setFact = (event, almanac) => almanac.addRuntimeFact(event.params.id, true);
for (const rule of spec.rules) {
	if (rule.event.type === 'fact')
		engine.addRule({ ...rule, onSuccess: setFact });
	else
		engine.addRule(rule);
}

async function main() {
	const input = profilesFile === '-' ? process.stdin : fs.createReadStream(profilesFile);
	const lines = readline.createInterface({ input, crlfDelay: Infinity });
	let out = '';
	for await (const line of lines) {
		if (line === '')
			continue;
		const facts = JSON.parse(line);
		const id = facts.id;
		delete facts.id;
		for (const f of spec.facts)
			facts[f] = false;
		const { events } = await engine.run(facts);
		const recs = [];
		const cats = [];
		for (const e of events) {
			if (e.type === 'out')
				recs.push(...e.params.ids);
			else if (e.type === 'cat')
				cats.push(e.params);
		}
		for (const c of cats)
			if (recs.includes(c.report) && !recs.includes(c.id))
				recs.push(c.id);
		out += JSON.stringify({ id, recs: [...new Set(recs)].sort() }) + '\n';
		if (out.length > 65536) {
			if (!process.stdout.write(out))
				await new Promise((resolve) => process.stdout.once('drain', resolve));
			out = '';
		}
	}
	process.stdout.write(out);
}

main().catch((err) => {
	process.stderr.write(`jre_run: ${err.message}\n`);
	process.exit(1);
});
