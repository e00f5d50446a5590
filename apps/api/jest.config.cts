module.exports = require('../../jest.preset.js').jestProject('api', __dirname);
