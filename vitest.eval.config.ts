// The vitest config of `npm run eval`: the example suites under suites/, on the embedded local server
// unless AI21_API_KEY is set.
import { defineMaestroConfig } from "./src/vitest.js";

export default defineMaestroConfig({ include: ["suites/**/*.eval.ts"], concurrency: 8 });
