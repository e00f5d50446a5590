import { jobLatencySeconds, JobTiming } from './job-runner';

const job = (timing: Partial<JobTiming>): JobTiming =>
  ({ timestamp: 1_000_000, processedOn: undefined, opts: {}, ...timing }) as JobTiming;

describe('jobLatencySeconds', () => {
  it('measures from the instant the job was added when it has no delay', () => {
    expect(jobLatencySeconds(job({ processedOn: 1_000_250 }), 0)).toBe(0.25);
  });

  it('measures from the end of the delay for a delayed job, so its lag shows and its wait does not', () => {
    expect(jobLatencySeconds(job({ delay: 60_000, opts: { delay: 60_000 }, processedOn: 1_061_500 }), 0)).toBe(1.5);
    expect(jobLatencySeconds(job({ opts: { delay: 60_000 }, processedOn: 1_060_000 }), 0)).toBe(0);
  });

  it('reads 0 for a job taken before its instant, and nothing for retries or unstamped jobs', () => {
    expect(jobLatencySeconds(job({ delay: 5_000, processedOn: 1_004_000 }), 0)).toBe(0);
    expect(jobLatencySeconds(job({ processedOn: 1_009_000 }), 1)).toBeNull();
    expect(jobLatencySeconds(job({}), 0)).toBeNull();
  });
});
