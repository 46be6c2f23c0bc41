import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's chromium (installed by .ci/run) against the built app.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// another port lets a second checkout run its tests at the same time (PW_PORT=4174 ...)
const port = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	timeout: 60_000,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		viewport: { width: 1440, height: 900 },
		screenshot: 'on',
		launchOptions: {
			executablePath,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage']
		}
	},
	webServer: {
		command: `npx vite preview --port ${port} --strictPort`,
		url: `http://localhost:${port}`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
