export * from './node/scenario-node';
export * from './node/node-registry';
export * from './graph/scenario-graph';
export * from './entities/index';
export * from './nest/scenario-node.module';
export * from './graph/validate-graph';
