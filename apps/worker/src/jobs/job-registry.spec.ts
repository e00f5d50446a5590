import { JOB_NAMES } from '@loyalty/contracts';
import { assertOneHandlerEach } from './job-registry';

const handler = {};

describe('the start-up check of job handlers', () => {
  it('accepts exactly one handler per job in the catalog', () => {
    expect(() => assertOneHandlerEach(new Map(JOB_NAMES.map((name) => [name, [handler]])))).not.toThrow();
  });

  it('refuses a job without a handler', () => {
    expect(() => assertOneHandlerEach(new Map())).toThrow(`${JOB_NAMES[0]} has 0 handlers`);
  });

  it('refuses a job with two handlers', () => {
    const found = new Map(JOB_NAMES.map((name) => [name, [handler]]));
    found.set(JOB_NAMES[0], [handler, handler]);
    expect(() => assertOneHandlerEach(found)).toThrow(`${JOB_NAMES[0]} has 2 handlers`);
  });

  it('refuses a handler for a job the catalog does not have', () => {
    const found = new Map<string, unknown[]>(JOB_NAMES.map((name) => [name, [handler]]));
    found.set('loyalty.unknown', [handler]);
    expect(() => assertOneHandlerEach(found)).toThrow('loyalty.unknown is handled but not in the job catalog');
  });
});
