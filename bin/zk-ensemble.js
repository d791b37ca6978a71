#!/usr/bin/env node
'use strict';
require('./load-bundle.js')
  .loadBundle('cli')
  .exports.main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
