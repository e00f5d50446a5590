// Tests never depend on the machine's time zone.
process.env.TZ = 'UTC';
