export * from './json';
export * from './jobs/job-catalog';
export * from './events/outbox-event-types';
export * from './events/json-schema';
export * from './events/event-schemas';
