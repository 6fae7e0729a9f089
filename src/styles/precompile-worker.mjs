// Compiles the site's stylesheet in a worker thread (src/styles/precompile.mjs), so the Astro build goes on
// starting and bundling the pages on the main thread meanwhile. Answers with the CSS file, or null.
import { parentPort, workerData } from 'node:worker_threads';
import { precompiledStyles } from './precompile.mjs';

parentPort.postMessage(await precompiledStyles(workerData.cacheRoot, workerData.nodeModules));
