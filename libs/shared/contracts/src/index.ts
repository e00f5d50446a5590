export * from './json';
export * from './jobs/job-catalog';
export * from './events/outbox-event-types';
