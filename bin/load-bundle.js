'use strict';
/**
 * Loads one of the bundles `npm run build` writes to out/bin/ (scripts/bundle.mjs), with the V8 code cache
 * written beside it: the bytecode of every function a run over the example workspace and the test cases
 * compiled. Starting from one file instead of 144 (CLI) or 218 (language server) modules, and without compiling
 * what the cache holds, made a cold start at 1,000 ensembles ~8% quicker (ARCHITECTURE.md, Performance). V8 checks the cache against its own version,
 * flags and the source, and compiles as usual when it does not match (another Node, a rebuilt bundle), so a
 * stale or missing cache costs time, never correctness.
 */
const fs = require('node:fs');
const { createRequire, wrap } = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/** Set by scripts/bundle.mjs only: the run writes the cache when it exits. */
const WRITE_CACHE = 'ZK_ENSEMBLE_WRITE_CODE_CACHE';

/**
 * V8 flags the bins run with. A cold start is paced by Turbofan's one background compiler: at 1,000 ensembles its
 * jobs added up to 3.2-3.6 s in a 3 s run, so hot functions waited in its queue, interpreted. With at most 100 bytes
 * of bytecode inlined into an optimized function (V8's default is 920) the jobs added up to 1.9-2.0 s, and the
 * server's cold start took less (ARCHITECTURE.md, Performance). Measured on Node 20. Set before the bundle is
 * compiled, because V8 accepts a code cache only under the flags it was made with.
 */
const JIT_FLAGS = ['--max-inlined-bytecode-size-cumulative=100'];

/** @returns {{ exports: unknown, cacheRejected: boolean | undefined }} the bundle's exports, and whether V8 refused its cache (undefined: none). */
function loadBundle(name) {
  for (const flag of JIT_FLAGS) v8.setFlagsFromString(flag);
  const file = path.join(__dirname, '..', 'out', 'bin', `${name}.js`);
  const cacheFile = `${file}.cache`;
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run npm run build`);
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache (yet): compiled as usual.
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  if (process.env[WRITE_CACHE] === '1') {
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData());
      } catch (error) {
        // Never the run's own outcome: scripts/bundle.mjs fails when the cache it asked for is not there.
        process.stderr.write(`zk-ensemble: could not write ${cacheFile}: ${error instanceof Error ? error.message : error}\n`);
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, cacheRejected: cachedData ? script.cachedDataRejected : undefined };
}

module.exports = { loadBundle, WRITE_CACHE, JIT_FLAGS };
