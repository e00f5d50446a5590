module.exports = require('../../jest.preset.js').jestProject('workspace-checks', __dirname);
