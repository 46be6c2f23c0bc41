// The Live panel's form: what this device keeps (credentials only when asked), credentials
// taken out of a URL, the `?live=` parameter, and default filters that a broker accepts and
// that match what the dialects publish.
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../codec/registry';
import { dockingTopic, topicTypeOf } from '../live/dialects';
import { topicFilterProblem, topicMatches } from '../live/topics';
import { connectRequest, DEFAULT_TOPICS, DOCKING_TOPICS, defaultForm, liveParam, loadForm, saveForm, topicsOf, withoutCredentials, type KeyValueStore } from './live-settings';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('the Live form', () => {
	it('keeps URL and filters, and the credentials only when "remember" is ticked', () => {
		const store = memoryStore();
		const form = { ...defaultForm(), url: 'wss://broker.example:8084/mqtt', username: 'alice', password: 's3cret', topics: 'a/#\nb/+' };
		saveForm(store, form);
		expect([...store.data.values()].join()).not.toContain('s3cret');
		expect([...store.data.values()].join()).not.toContain('alice');
		expect(loadForm(store)).toEqual({ ...form, username: '', password: '' });
		saveForm(store, { ...form, remember: true });
		expect(loadForm(store)).toEqual({ ...form, remember: true });
		// unticking forgets them at once
		saveForm(store, { ...form, remember: false });
		expect([...store.data.values()].join()).not.toContain('s3cret');
	});

	it('reads damaged or missing storage as the defaults', () => {
		const store = memoryStore();
		expect(loadForm(store)).toEqual(defaultForm());
		store.setItem('cv2x.live', '{not json');
		expect(loadForm(store)).toEqual(defaultForm());
		store.setItem('cv2x.live', JSON.stringify({ url: 42, topics: '   ', username: 'x', password: 'y' }));
		expect(loadForm(store)).toEqual(defaultForm());
		expect(loadForm(null)).toEqual(defaultForm());
	});

	it('moves user:password@ out of the URL into the fields', () => {
		const f = withoutCredentials({ ...defaultForm(), url: 'ws://bob:p%40ss@127.0.0.1:9001/mqtt' });
		expect(f).toMatchObject({ url: 'ws://127.0.0.1:9001/mqtt', username: 'bob', password: 'p@ss' });
		// fields already filled win; text that is not a URL stays as typed
		expect(withoutCredentials({ ...defaultForm(), url: 'ws://x:y@h/', username: 'u', password: 'p' })).toMatchObject({ url: 'ws://h/', username: 'u', password: 'p' });
		expect(withoutCredentials({ ...defaultForm(), url: 'nonsense' }).url).toBe('nonsense');
		expect(connectRequest({ ...defaultForm(), url: ' ws://h:1/ ', topics: 'a/#, b/+\n\n c ' })).toEqual({ url: 'ws://h:1/', topics: ['a/#', 'b/+', 'c'] });
	});

	it('takes ?live= only as a ws:// or wss:// URL without credentials', () => {
		expect(liveParam('ws://127.0.0.1:8083/mqtt')).toBe('ws://127.0.0.1:8083/mqtt');
		expect(liveParam('wss://emqx.example/mqtt')).toBe('wss://emqx.example/mqtt');
		for (const bad of [null, '', 'mqtt://127.0.0.1:1883', 'ws://u:p@h/', 'javascript:alert(1)', 'not a url']) expect(liveParam(bad)).toBeNull();
	});

	it('subscribes by default to filters a broker accepts, covering every topic the dialects publish', () => {
		for (const f of DEFAULT_TOPICS) expect(topicFilterProblem(f)).toBeNull();
		expect(topicsOf(defaultForm().topics)).toEqual([...DEFAULT_TOPICS]);
		const published = MESSAGE_TYPES.flatMap((m) => {
			const type = topicTypeOf(m.payload);
			return [`cv2x/v1/car-10012/${m.payload}`, ...(type ? [dockingTopic(type), `V2X/RSU/RSU-BJ-YZ-01/${type}/UP`] : [])];
		});
		for (const topic of published) expect(DEFAULT_TOPICS.some((f) => topicMatches(f, topic)), topic).toBe(true);
		expect(DOCKING_TOPICS).toContain('V2X.RSU.MAP.UP');
	});
});
