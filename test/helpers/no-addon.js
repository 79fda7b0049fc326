'use strict';
// Preloaded with `node -r`: the native addon cannot be loaded, as on a machine
// where it was never built. Every load of it goes through node-gyp-build.
const Module = require('module');

const load = Module._load;
Module._load = function loadWithoutAddon(request, ...rest) {
  if (request === 'node-gyp-build') throw new Error('no native build here (test/helpers/no-addon.js)');
  return load.call(this, request, ...rest);
};
