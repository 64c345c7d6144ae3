// Tests run with the same config module as production; keep the dev-secret warning quiet.
process.env.LOG_LEVEL ??= 'silent';
