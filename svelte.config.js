import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The pages' Content-Security-Policy (issue 16, point 6): only what the app needs. Every page is
 * prerendered, so SvelteKit writes it as a <meta http-equiv> with the SHA-256 of its inline
 * bootstrap script (mode 'hash'). A meta policy cannot carry frame-ancestors, report-uri or
 * sandbox (SvelteKit leaves them out): a server that wants clickjacking protection sends
 * `Content-Security-Policy: frame-ancestors 'none'` as a header itself. A meta policy binds the
 * page, not its module workers (they take the policy of their own response, none from a static
 * host), so the simulation's UPER code keeps compiling with `new Function` there; on the page
 * it falls back to the table walk (no 'unsafe-eval').
 */
const csp = {
	mode: 'hash',
	directives: {
		'default-src': ['self'],
		// our bundles; SvelteKit adds the hash of each page's inline bootstrap. 'wasm-unsafe-eval'
		// lets long.js (under protobufjs) compile its small WebAssembly multiplier; it allows no
		// JavaScript eval
		'script-src': ['self', 'wasm-unsafe-eval'],
		// sim.worker, inspect.worker, viewer.worker: bundled files on our origin
		'worker-src': ['self'],
		// Svelte's style attributes in the prerendered markup and Leaflet's panes: no hashes possible
		'style-src': ['self', 'unsafe-inline'],
		// the basemap is opt-in with a tile server the user chose (any host, a local one without TLS);
		// data: and blob: for icons and exported images
		'img-src': ['self', 'data:', 'blob:', 'https:', 'http:'],
		// Live mode: MQTT over WebSocket to the broker the user gives
		'connect-src': ['self', 'ws:', 'wss:'],
		'font-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self']
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files: the playground runs offline, served from any file server.
		adapter: adapter({ fallback: undefined }),
		// /inspect#b=… carries a message in the hash, not an element id
		prerender: { handleMissingId: 'ignore' },
		csp
	}
};

export default config;
