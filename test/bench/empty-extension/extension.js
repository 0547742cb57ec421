/* global module */
// The floor for `npm run bench`: what any onStartupFinished extension costs to load and activate.
'use strict';
module.exports = {
  activate() {},
  deactivate() {},
};
