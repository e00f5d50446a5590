module.exports = require('../../jest.preset.js').jestProject('database', __dirname);
