import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// the simulation worker imports modules and JSON: bundle it as an ES module
	worker: { format: 'es' },
	test: {
		// Unit tests live beside the code; Playwright owns tests/e2e.
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
