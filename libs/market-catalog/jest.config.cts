module.exports = require('../../jest.preset.js').jestProject('market-catalog', __dirname);
