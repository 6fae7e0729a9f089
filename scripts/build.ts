/**
 * `npm run build`: the demo's build, the same code as `panel build` (src/cli/build.ts). The data root is
 * PANEL_ROOT (default: this repository), clocks at PANEL_AS_OF (default today), output PANEL_DIST (default
 * <root>/dist), the packs of PANEL_PACK_DATE (default: the next meeting); PANEL_NO_PACK=1 skips the packs.
 */
import { main } from '../src/cli/main.js';
import { PACKAGE_ROOT } from '../src/data/package-root.js';

const env = process.env;
const args = ['build', '--root', env.PANEL_ROOT ?? PACKAGE_ROOT];
if (env.PANEL_DIST) args.push('--out', env.PANEL_DIST);
if (env.PANEL_AS_OF) args.push('--as-of', env.PANEL_AS_OF);
if (env.PANEL_PACK_DATE) args.push('--pack-date', env.PANEL_PACK_DATE);
if (env.PANEL_NO_PACK) args.push('--no-pack');
if (env.PANEL_BUILD_QUIET) args.push('--quiet');
process.exitCode = await main(args);
