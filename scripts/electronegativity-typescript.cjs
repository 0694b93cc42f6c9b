// Electronegativity parses TypeScript with typescript-estree 4, which needs the TypeScript 4 it
// ships with; npm hoists estree next to the project's TypeScript 7, which has no compiler API.
// Loaded with `node -r`, this sends estree's (and tsutils') `require('typescript')` to that copy.
const Module = require('node:module');
const path = require('node:path');

const ownTypescript = require.resolve('typescript', {
  paths: [path.dirname(require.resolve('@doyensec/electronegativity/package.json'))],
});
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  if (request === 'typescript' && parent && /[\\/](@typescript-eslint[\\/]typescript-estree|tsutils)[\\/]/.test(parent.filename)) {
    return ownTypescript;
  }
  return originalResolve.call(this, request, parent, ...rest);
};
