import { JOB_CATALOG, JOB_NAMES, QUEUE_NAMES } from './job-catalog';

describe('job catalog', () => {
  it('puts every job on a known queue and names jobs queue.dotted', () => {
    for (const name of JOB_NAMES) {
      expect(QUEUE_NAMES).toContain(JOB_CATALOG[name].queue);
      expect(name).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(name.startsWith(`${JOB_CATALOG[name].queue}.`)).toBe(true);
    }
  });
});
