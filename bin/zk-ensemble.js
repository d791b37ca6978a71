#!/usr/bin/env node
'use strict';
process.exitCode = require('../out/server/src/cli/main.js').main(process.argv.slice(2));
