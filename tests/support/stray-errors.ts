// Preloaded (`node --import`) into a host under test: on SIGUSR2 it leaves one promise rejected
// with nobody to catch it and throws from a timer — the stray errors a host must survive.
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('stray rejection from the test'));
  setTimeout(() => {
    throw new Error('stray exception from the test');
  }, 10);
});
