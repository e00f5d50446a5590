export * from './feed-record';
export * from './feed-format-error';
export * from './yml/yml-feed-reader';
export * from './csv/csv-feed-reader';
export * from './chunked-source';
