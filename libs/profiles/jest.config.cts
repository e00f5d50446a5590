module.exports = require('../../jest.preset.js').jestProject('profiles', __dirname);
