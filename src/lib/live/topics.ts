// MQTT topic names and filters, checked before they reach a broker (MQTT 3.1.1 §4.7, MQTT 5.0
// §4.7): a broker answers a bad filter by closing the connection, which would read as a fault.

/** A bad URL, topic filter or topic name, with the offending text in the message. */
export class LinkError extends Error {
	override name = 'LinkError';
}

const MAX_TOPIC_BYTES = 65_535;

/**
 * Why `filter` is not a valid MQTT topic filter, or null when it is: empty, over 65,535 UTF-8
 * bytes, a NUL character, '#' anywhere but alone in the last level, '+' sharing a level with other
 * characters (MQTT 3.1.1 §4.7.1). The text names the filter and the level.
 */
export function topicFilterProblem(filter: string): string | null {
	if (filter.length === 0) return 'topic filter is empty';
	const shown = JSON.stringify(filter);
	if (new TextEncoder().encode(filter).length > MAX_TOPIC_BYTES) return `topic filter ${shown.slice(0, 60)}… is longer than 65,535 bytes`;
	if (filter.includes('\u0000')) return `topic filter ${shown} contains a NUL character`;
	const levels = filter.split('/');
	for (let i = 0; i < levels.length; i++) {
		const level = levels[i];
		if (level.includes('#') && (level !== '#' || i !== levels.length - 1))
			return `topic filter ${shown}: '#' must be a whole level and the last one (level ${i + 1} is ${JSON.stringify(level)})`;
		if (level.includes('+') && level !== '+')
			return `topic filter ${shown}: '+' must be a whole level (level ${i + 1} is ${JSON.stringify(level)})`;
	}
	return null;
}

/** Throws a LinkError naming the filter when `filter` is not a valid topic filter (see topicFilterProblem). */
export function checkTopicFilter(filter: string): void {
	const problem = topicFilterProblem(filter);
	if (problem) throw new LinkError(problem);
}

/**
 * Why `topic` is not a valid topic name to publish on, or null: empty, a wildcard ('+', '#'),
 * NUL, or over 65,535 UTF-8 bytes (MQTT 3.1.1 §4.7.3).
 */
export function topicNameProblem(topic: string): string | null {
	if (topic.length === 0) return 'topic name is empty';
	const shown = JSON.stringify(topic);
	if (/[+#]/.test(topic)) return `topic name ${shown} contains a wildcard ('+' or '#'), which only filters may`;
	if (topic.includes('\u0000')) return `topic name ${shown} contains a NUL character`;
	if (new TextEncoder().encode(topic).length > MAX_TOPIC_BYTES) return `topic name ${shown.slice(0, 60)}… is longer than 65,535 bytes`;
	return null;
}

/** Whether `topic` matches `filter` ('+' one level, '#' this level and all below; MQTT 3.1.1 §4.7.1). */
export function topicMatches(filter: string, topic: string): boolean {
	const f = filter.split('/');
	const t = topic.split('/');
	// §4.7.2: wildcards at the first level do not match topics starting with '$'
	if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
	for (let i = 0; i < f.length; i++) {
		if (f[i] === '#') return true;
		if (i >= t.length) return false;
		if (f[i] !== '+' && f[i] !== t[i]) return false;
	}
	return f.length === t.length;
}
