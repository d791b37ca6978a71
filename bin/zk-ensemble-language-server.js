#!/usr/bin/env node
'use strict';
// Editors that start `zk-ensemble-language-server` without arguments expect stdio.
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (!process.argv.slice(2).some((arg) => transports.some((t) => arg === t || arg.startsWith(`${t}=`)))) {
  process.argv.push('--stdio');
}
require('./load-bundle.js').loadBundle('language-server');
