'use strict';
/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): self time and total (inclusive) time per function, top N.
 * Usage: node bench/profile-summary.js <file.cpuprofile> [--top 25] [--after-ms 0] [--until-ms N] [--from FUNCTION]
 * --after-ms / --until-ms keep only the samples in that window of the profile (e.g. skip the cold start to look at
 * the edit loop only); --from starts at the first sample (after --after-ms) whose stack contains FUNCTION, e.g.
 * `--from documentChanged` (the server's handler of an edit: the edit loop only).
 */
const fs = require('node:fs');
const path = require('node:path');

function summarize(file, { top = 25, afterMs = 0, untilMs = Infinity, from } = {}) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const name = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const total = new Map();
  const stackHas = (leafId, functionName) => {
    for (let id = leafId; id !== undefined; id = parentOf.get(id)) if (byId.get(id).callFrame.functionName === functionName) return true;
    return false;
  };
  let time = profile.startTime;
  let counted = 0;
  let started = from === undefined;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    const at = (time - profile.startTime) / 1000;
    if (!started && at >= afterMs && stackHas(profile.samples[i], from)) started = true;
    if (!started || at < afterMs || at >= untilMs) continue;
    const ms = delta / 1000;
    counted += ms;
    const leaf = byId.get(profile.samples[i]);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parentOf.get(id)) {
      const n = name(byId.get(id));
      if (seen.has(n)) continue;
      seen.add(n);
      total.set(n, (total.get(n) ?? 0) + ms);
    }
  }
  const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([n, ms]) => `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / counted).toFixed(1).padStart(5)}%  ${n}`);
  return [`${counted.toFixed(0)} ms sampled`, '', 'self time:', ...rows(self), '', 'total time:', ...rows(total)].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (flag, fallback) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
  console.log(summarize(args[0], { top: option('--top', 25), afterMs: option('--after-ms', 0), untilMs: option('--until-ms', Infinity), from: args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined }));
}

module.exports = { summarize };
