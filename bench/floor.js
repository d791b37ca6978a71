'use strict';
/**
 * The floor: reading and parsing the given files with the engine's own parsers (readFileModel) and nothing
 * else, in this one process. Prints the elapsed milliseconds (modules already loaded, JIT cold as in the server).
 * Usage: node bench/floor.js <file with a JSON array of absolute paths>
 */
const fs = require('node:fs');
const { readFileModel } = require('../out/server/src/core/files.js');

const files = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = performance.now();
const texts = new Map();
for (const file of files) texts.set(file, fs.readFileSync(file, 'utf8'));
let models = 0;
for (const [file, text] of texts) if (readFileModel(file, text, (other) => texts.get(other))) models++;
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ ms: elapsed, files: files.length, models }) + '\n');
