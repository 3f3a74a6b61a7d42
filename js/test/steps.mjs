// The step runner of the Node-side test scripts (pack.mjs, the dashboard's ssr.mjs): one
// "ok"/"FAIL" line per step, then the "N passed, N failed" line the suites are counted by.
export function steps() {
  let passed = 0, failed = 0;
  return {
    /** Runs `body`; what it returns is printed after the name. */
    async step(name, body) {
      try {
        const note = await body();
        console.log(`ok   ${name}${note ? `: ${note}` : ""}`);
        passed++;
      } catch (error) {
        console.log(`FAIL ${name}\n     ${String(error.stdout ?? "")}${error.stack ?? error}`);
        failed++;
      }
    },
    /** Prints the tally and sets the exit code. */
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exitCode = failed === 0 ? 0 : 1;
    },
  };
}
