// Types of precompile.mjs (plain JavaScript, loaded by astro.config.mjs and bin/build-cli.js before anything is compiled).
export declare const APP_SCSS: string;
export declare const PACKAGE_STYLES: string;
export declare function sassOptions(nodeModules: string): { loadPaths: string[]; quietDeps: boolean; silenceDeprecations: string[] };
export declare function stylesKey(): string;
export declare function precompiledStyles(cacheRoot: string | null, nodeModules: string, options?: { packageDir?: string; writePackage?: boolean }): Promise<string | null>;
export declare function buildPackageStyles(): Promise<string>;
export declare function precompiledStylesInWorker(cacheRoot: string, nodeModules: string): { wait(): Promise<string | null> };
