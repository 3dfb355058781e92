// Preloaded into a benchmarked child (`node --import ./bench/lib/exit-usage.mjs ...`): at exit it
// prints its peak RSS and CPU time on stderr, one line starting with BENCH-USAGE, for the parent.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(
    `\nBENCH-USAGE ${JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`,
  );
});
