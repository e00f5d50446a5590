import { VersionedCache } from './versioned-cache';

describe('VersionedCache', () => {
  const snapshot = (version: string, label = version) => ({ version, label });

  it('keeps a snapshot until a newer version is asked for, then loads once', async () => {
    const cache = new VersionedCache<number, ReturnType<typeof snapshot>>(10);
    const load = jest.fn().mockResolvedValueOnce(snapshot('3')).mockResolvedValueOnce(snapshot('5'));
    expect((await cache.at(1, '3', load)).version).toBe('3');
    expect((await cache.at(1, '2', load)).version).toBe('3');
    expect((await cache.at(1, '3', load)).version).toBe('3');
    expect(load).toHaveBeenCalledTimes(1);
    expect((await cache.at(1, '4', load)).version).toBe('5');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not let a slower load of an older version replace a newer snapshot', async () => {
    const cache = new VersionedCache<number, ReturnType<typeof snapshot>>(10);
    let finishSlow: (value: ReturnType<typeof snapshot>) => void = () => undefined;
    const slow = cache.at(1, '1', () => new Promise((resolve) => (finishSlow = resolve)));
    await cache.at(1, '2', async () => snapshot('2'));
    finishSlow(snapshot('1'));
    expect((await slow).version).toBe('1');
    const load = jest.fn();
    expect((await cache.at(1, '2', load)).version).toBe('2');
    expect(load).not.toHaveBeenCalled();
  });

  it('holds at most `capacity` keys, the least recently loaded leaving first', async () => {
    const cache = new VersionedCache<number, ReturnType<typeof snapshot>>(2);
    for (const key of [1, 2, 3]) await cache.at(key, '1', async () => snapshot('1', `key ${key}`));
    const load = jest.fn().mockResolvedValue(snapshot('1', 'reloaded'));
    expect((await cache.at(3, '1', load)).label).toBe('key 3');
    expect((await cache.at(2, '1', load)).label).toBe('key 2');
    expect((await cache.at(1, '1', load)).label).toBe('reloaded');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
