import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files: the playground runs offline, served from any file server.
		adapter: adapter({ fallback: undefined }),
		// /inspect#b=… carries a message in the hash, not an element id
		prerender: { handleMissingId: 'ignore' }
	}
};

export default config;
