// Preloaded into the CLI by the hostile-file tests (node -r): writes the process's peak resident
// memory in kilobytes (its worker threads included) to the file named in UMZUGSHELFER_PEAK_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.UMZUGSHELFER_PEAK_FILE) writeFileSync(process.env.UMZUGSHELFER_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
