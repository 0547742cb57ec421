/* global module, require */
// A second floor for `npm run bench`: the empty extension plus the one line every real extension
// has. VS Code creates an extension's API object on its first require('vscode').
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript, as shipped
require('vscode');
module.exports = {
  activate() {},
  deactivate() {},
};
