import { execFile } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { SIM_WAIT } from './helpers';

// Live mode's end-to-end helpers: publishing with the CLI (`cv2x sim --mqtt`), reading what it
// says it sent, and reading the page's counters. Waits are on conditions, never on time.

/** What `cv2x sim --mqtt` says it published: publications sent, messages carried in total and by type. */
export interface Published {
	publications: number;
	messages: number;
	byType: Record<string, number>;
}

/** Reads the publishing summary of `cv2x sim --mqtt` (see src/cli/live/sim-publish.ts). */
export function readSummary(out: string): Published {
	const sent = /(\d+) publications sent/.exec(out);
	const carried = /messages carried (\d+): (.*)/.exec(out);
	if (!sent || !carried) throw new Error(`no publishing summary in:\n${out}`);
	const byType: Record<string, number> = {};
	for (const part of carried[2].split(', ')) {
		const [type, n] = part.trim().split(' ');
		byType[type] = Number(n);
	}
	return { publications: Number(sent[1]), messages: Number(carried[1]), byType };
}

/** Runs `cv2x sim --mqtt url --dialect d --realtime` (a short run, paced to wall time) and returns its summary. */
export function publishRun(url: string, dialect: string, seconds: number, vehicles: number, seed = 3): Promise<Published> {
	const args = ['bin/cv2x.js', 'sim', '--mqtt', url, '--dialect', dialect, '--seconds', String(seconds), '--vehicles', String(vehicles), '--seed', String(seed), '--realtime'];
	return new Promise((resolve, reject) => {
		execFile('node', args, { timeout: 120_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`cv2x sim failed: ${error.message}\n${stderr}`));
			else resolve(readSummary(stdout));
		});
	});
}

/** The page's Live counters (exact values from the panel's data attributes). */
export async function liveCounters(page: Page): Promise<{ publications: number; messages: number; undecodable: number; dropped: number; published: number }> {
	return page.evaluate(() => {
		const value = (k: string) => Number(document.querySelector(`[data-testid="live-count-${k}"]`)?.getAttribute('data-value') ?? NaN);
		const publications = Number(document.querySelector('[data-testid="live-counters"]')?.getAttribute('data-publications') ?? NaN);
		return { publications, messages: value('messages'), undecodable: value('undecodable'), dropped: value('dropped'), published: value('published') };
	});
}

/** Messages by type since the source began, as the log's type filter counts them. */
export async function typeCounts(page: Page, types: string[]): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const type of types) out[type] = Number(((await page.getByTestId(`count-${type}`).textContent()) ?? '0').replace(/[^0-9]/g, '') || 0);
	return out;
}

/** Waits until the Live status line says the link is connected. */
export async function liveConnected(page: Page) {
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'connected', SIM_WAIT);
}

/** Vehicles in the latest frame the page drew from. */
export async function vehiclesOnMap(page: Page): Promise<number> {
	return page.evaluate(() => ((window as any).cv2xDebug?.frame()?.vehicles.id.length as number) ?? 0);
}
